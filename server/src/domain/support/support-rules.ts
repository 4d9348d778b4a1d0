import type { MessageDto, SessionDto } from '../../../../shared/src/contract/types';
import { AppError } from '../app-error';

/**
 * Why a takeover's conditional update (`ai` → `support`, not closed) did not take, from the
 * session as it is now: closed; already taken by this same operator (a double click, a retry
 * after a lost ack — answered as done, with no second notice); or taken by someone else. An API
 * key owns no session, so its second takeover is refused like anyone else's.
 */
export function refusedTakeover(now: Pick<SessionDto, 'status' | 'mode' | 'assignedTo'>, actor: { id: string; isOperator: boolean }): 'repeated' | AppError {
  if (now.status === 'closed') return new AppError('session_closed', 'this session is closed');
  if (actor.isOperator && now.mode === 'support' && now.assignedTo === actor.id) return 'repeated';
  return new AppError('already_in_support', 'another operator has already taken over this session');
}

/**
 * Whether the customer spoke last in a support spell (no person or AI answered after): on
 * release the AI then owes them a reply. Notices, whispers, context and tool calls do not answer.
 */
export function customerUnanswered(spell: Pick<MessageDto, 'role'>[]): boolean {
  const spoken = spell.filter((m) => m.role === 'customer' || m.role === 'operator' || m.role === 'agent');
  return spoken.at(-1)?.role === 'customer';
}
