import { useEffect, useState } from 'preact/hooks';
import type { CannedReplyDto } from '../../../shared/src/contract/types';
import { api } from '../lib/api';

export interface CannedPicker {
  /** Replies matching what is typed (`/ref…`), empty unless the text is a lone shortcut. */
  matches: CannedReplyDto[];
  active: number;
  move: (delta: number) => void;
  /** Fetches the reply rendered against the session's metadata. */
  render: (reply: CannedReplyDto) => Promise<string>;
}

/** The agent's canned replies, filtered by a `/shortcut` being typed in the composer. */
export function useCannedPicker(agentId: string, sessionId: string, text: string): CannedPicker {
  const [replies, setReplies] = useState<CannedReplyDto[]>([]);
  const [active, setActive] = useState(0);
  useEffect(() => {
    let live = true;
    api
      .listCannedReplies(agentId)
      .then((r) => live && setReplies(r.cannedReplies))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [agentId]);
  const typed = /^\/[a-z0-9_-]*$/i.test(text) ? text.toLowerCase() : null;
  const matches = typed === null ? [] : replies.filter((r) => r.shortcut.startsWith(typed));
  useEffect(() => setActive(0), [typed]);
  return {
    matches,
    active: Math.min(active, Math.max(0, matches.length - 1)),
    move: (delta) => setActive((i) => (matches.length ? (i + delta + matches.length) % matches.length : 0)),
    render: async (reply) => (await api.renderCannedReply(sessionId, reply.id)).text,
  };
}
