import { useEffect, useRef, useState } from 'preact/hooks';
import type { SessionFilters } from '../../../shared/src/contract/types';
import { ErrorNotice } from '../components/ErrorNotice';
import { FiltersBar } from '../components/FiltersBar';
import { SessionList } from '../components/SessionList';
import { StatCards } from '../components/StatCards';
import { TeamPresence } from '../components/TeamPresence';
import { useHotkeys } from '../hooks/useHotkeys';
import { useSessionsFeed } from '../hooks/useSessionsFeed';
import { useSessionPreviews } from '../hooks/useSessionPreviews';
import { moveSelection } from '../lib/hotkeys';
import { BASE, navigate } from '../lib/router';
import { filtersToQuery, hasFilters, parseFilters } from '../lib/session-filters';
import { SessionPage } from './SessionPage';

const RELATIVE_TIME_REFRESH_MS = 30_000;

/**
 * Conversations: stat cards, filters (in the URL), the live list and — at `/sessions/:id` —
 * the open session beside it (stacked under 1024px).
 */
export function SessionsPage({ search, sessionId }: { search: string; sessionId: string | null }) {
  const filters = parseFilters(search);
  const query = filtersToQuery(filters);
  const feed = useSessionsFeed(filters);
  const previews = useSessionPreviews(feed.sessions, filters.q, sessionId);
  const customerRef = useRef<HTMLInputElement>(null);
  const [selected, setSelected] = useState(-1);
  const [, setTick] = useState(0);

  useEffect(() => {
    const timer = window.setInterval(() => setTick((t) => t + 1), RELATIVE_TIME_REFRESH_MS);
    return () => window.clearInterval(timer);
  }, []);
  useEffect(() => setSelected(-1), [query]);

  const setFilters = (next: SessionFilters): void => {
    const path = sessionId ? `${BASE}/sessions/${encodeURIComponent(sessionId)}` : `${BASE}/sessions`;
    navigate(path + filtersToQuery(next), { replace: true });
  };

  useHotkeys((action) => {
    if (action === 'search') customerRef.current?.focus();
    else if (action === 'inbox') navigate(`${BASE}/sessions?helpRequested=true&order=waiting`);
    else if (action === 'open') {
      const s = feed.sessions[selected];
      if (s) navigate(`${BASE}/sessions/${encodeURIComponent(s.id)}${query}`);
    } else {
      const next = moveSelection(selected, feed.sessions.length, action);
      setSelected(next);
      document.querySelectorAll<HTMLElement>('[data-testid="session-row"]')[next]?.scrollIntoView({ block: 'nearest' });
    }
  });

  return (
    <div class={`conversations ${sessionId ? 'has-open' : ''}`}>
      <section class="conversations__list" aria-label="Session log">
        <h1 class="visually-hidden">Conversations</h1>
        <StatCards stats={feed.stats} filters={filters} />
        <TeamPresence />
        <FiltersBar filters={filters} onChange={setFilters} customerRef={customerRef} />
        {feed.error && <ErrorNotice message={feed.error} />}
        <SessionList sessions={feed.sessions} search={query} selectedIndex={selected} openId={sessionId} loading={feed.loading} filtered={hasFilters(filters)} waitingOrder={filters.order === 'waiting'} previews={previews} />
        {feed.nextCursor && (
          <button type="button" class="btn btn--block" data-testid="load-more" disabled={feed.loadingMore} onClick={feed.loadMore}>
            {feed.loadingMore ? 'Loading…' : 'Load more'}
          </button>
        )}
      </section>
      {sessionId && (
        <section class="conversations__detail" aria-label="Conversation">
          <SessionPage key={sessionId} sessionId={sessionId} backHref={`${BASE}/sessions${query}`} />
        </section>
      )}
    </div>
  );
}
