import type { SessionDto, SessionPreviewDto } from '../../../shared/src/contract/types';
import { useAgents } from '../hooks/useAgents';
import { useOperators } from '../hooks/useOperators';
import { EmptyState } from './EmptyState';
import { SessionRow } from './SessionRow';

interface Props {
  sessions: SessionDto[];
  search: string;
  selectedIndex: number;
  openId: string | null;
  loading: boolean;
  filtered: boolean;
  /** The inbox's first-come order: each row tells how long its request has waited. */
  waitingOrder: boolean;
  /** Each row's inbox line (last message, unread, search snippet), by session id. */
  previews?: Map<string, SessionPreviewDto>;
}

/** The live list of conversations, or the right empty state. */
export function SessionList({ sessions, search, selectedIndex, openId, loading, filtered, waitingOrder, previews }: Props) {
  const { byId } = useAgents();
  const operators = useOperators();
  const ownerOf = (s: SessionDto): string | null => (s.assignedTo ? (operators.find((o) => o.id === s.assignedTo)?.name ?? 'an operator') : null);
  if (sessions.length === 0) {
    if (loading) return <p class="muted pad">Loading conversations…</p>;
    return (
      <EmptyState title={filtered ? 'No conversations match these filters' : 'No conversations yet'}>
        {filtered ? 'Try clearing a filter. New conversations appear here as they start.' : 'They appear here live as customers start chatting.'}
      </EmptyState>
    );
  }
  return (
    <ul class="rows" aria-label="Conversations" data-testid="session-list">
      {sessions.map((s, i) => (
        <SessionRow key={s.id} session={s} agentName={byId.get(s.agentId)?.name ?? 'Unknown agent'} owner={ownerOf(s)} search={search} selected={i === selectedIndex} open={s.id === openId} waitingOrder={waitingOrder} preview={previews?.get(s.id)} />
      ))}
    </ul>
  );
}
