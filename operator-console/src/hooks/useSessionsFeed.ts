import { useCallback, useEffect, useState } from 'preact/hooks';
import type { SessionDto, SessionFilters, SessionStats } from '../../../shared/src/contract/types';
import { api, errorMessage } from '../lib/api';
import { appendPage, applySessionChange, filtersToQuery, sortSessions } from '../lib/session-filters';
import { emitWithAck } from '../lib/socket';
import { useConnection } from './useConnection';
import { useSocketEvent } from './useSocketEvent';

export const PAGE_SIZE = 50;

export interface SessionsFeed {
  sessions: SessionDto[];
  stats: SessionStats | null;
  nextCursor: string | null;
  loading: boolean;
  loadingMore: boolean;
  error: string | null;
  loadMore: () => void;
}

/**
 * The live session log for a set of filters: `sessions:watch` gives the first page and stats,
 * then pushed `session:created`/`session:updated` are re-filtered here and `stats` replace
 * the cards. Re-watches on every reconnect, so a dropped connection heals by itself.
 */
export function useSessionsFeed(filters: SessionFilters): SessionsFeed {
  const { epoch, status } = useConnection();
  const key = filtersToQuery(filters);
  const [sessions, setSessions] = useState<SessionDto[]>([]);
  const [stats, setStats] = useState<SessionStats | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (status !== 'online') return;
    let live = true;
    setLoading(true);
    emitWithAck('sessions:watch', { filters, limit: PAGE_SIZE })
      .then((ack) => {
        if (!live) return;
        setSessions(sortSessions(ack.sessions, filters));
        setStats(ack.stats);
        setNextCursor(ack.nextCursor);
        setError(null);
      })
      .catch((err: unknown) => live && setError(errorMessage(err)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
    // `key` stands for `filters` (a new object on every render).
  }, [key, epoch, status === 'online']);

  const onChange = (session: SessionDto): void => setSessions((list) => applySessionChange(list, session, filters));
  useSocketEvent('session:created', onChange);
  useSocketEvent('session:updated', onChange);
  useSocketEvent('stats', setStats);
  useSocketEvent('session:erased', ({ sessionId }) => setSessions((list) => list.filter((s) => s.id !== sessionId)));

  const loadMore = useCallback(() => {
    if (!nextCursor || loadingMore) return;
    setLoadingMore(true);
    api
      .listSessions(filters, nextCursor, PAGE_SIZE)
      .then((page) => {
        setSessions((list) => appendPage(list, page.sessions, filters));
        setNextCursor(page.nextCursor);
      })
      .catch((err: unknown) => setError(errorMessage(err)))
      .finally(() => setLoadingMore(false));
  }, [key, nextCursor, loadingMore]);

  return { sessions, stats, nextCursor, loading, loadingMore, error, loadMore };
}
