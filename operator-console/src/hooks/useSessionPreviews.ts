import { useEffect, useState } from 'preact/hooks';
import type { SessionDto, SessionPreviewDto } from '../../../shared/src/contract/types';
import { markSessionRead, sessionPreviews } from '../lib/desk-api';

const REFRESH_DEBOUNCE_MS = 300;

/**
 * The inbox line of each listed session (last message, unread count, search snippet), fetched
 * again whenever a listed session moves on (its `lastSeq`), and the open session marked read
 * up to its newest message — so its unread count is mine to clear by reading.
 */
export function useSessionPreviews(sessions: SessionDto[], q: string | undefined, openId: string | null): Map<string, SessionPreviewDto> {
  const [previews, setPreviews] = useState<Map<string, SessionPreviewDto>>(new Map());
  const key = sessions.map((s) => `${s.id}:${s.lastSeq}`).join(',');
  const open = sessions.find((s) => s.id === openId);

  useEffect(() => {
    if (!open) return;
    void markSessionRead(open.id, open.lastSeq).catch(() => undefined);
  }, [open?.id, open?.lastSeq]);

  useEffect(() => {
    if (sessions.length === 0) return;
    let live = true;
    const timer = window.setTimeout(() => {
      sessionPreviews(
        sessions.map((s) => s.id),
        q,
      )
        .then(({ previews: list }) => live && setPreviews(new Map(list.map((p) => [p.sessionId, p]))))
        .catch(() => undefined);
    }, REFRESH_DEBOUNCE_MS);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [key, q, open?.lastSeq]);
  return previews;
}
