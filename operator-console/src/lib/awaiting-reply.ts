/**
 * A customer waiting for a person: the session is in human hands and the operator has not
 * answered what was said since. Pure, so the list badge and the alert agree.
 */
import type { SessionDto } from '../../../shared/src/contract/types';
import { HELP_ALERT_SLACK_MS } from './help-alerts';

/** In support mode, someone other than an operator spoke last (the customer, or the AI before the takeover). */
export function awaitingReply(session: SessionDto): boolean {
  return session.mode === 'support' && session.status !== 'closed' && session.lastMessageFrom !== null && session.lastMessageFrom !== 'operator';
}

/**
 * The key to alert `operatorId` on, or null: a new customer message, since the console opened,
 * in a session they hold. One alert per message (the key carries its seq).
 */
export function replyAlertKey(session: SessionDto, operatorId: string, since: number, alerted: ReadonlySet<string>): string | null {
  if (session.assignedTo !== operatorId || session.lastMessageFrom !== 'customer' || !awaitingReply(session)) return null;
  const key = `${session.id}#${session.lastSeq}`;
  if (alerted.has(key) || !session.lastMessageAt) return null;
  return Date.parse(session.lastMessageAt) >= since - HELP_ALERT_SLACK_MS ? key : null;
}

/** After one alert for a conversation, more of its messages within this window stay quiet. */
export const REPLY_ALERT_QUIET_MS = 30_000;

/** Whether to raise an alert for `sessionId` now, given when each conversation last had one; records it if so. */
export function takeAlertSlot(sessionId: string, now: number, lastAlerted: Map<string, number>): boolean {
  const last = lastAlerted.get(sessionId);
  if (last !== undefined && now - last < REPLY_ALERT_QUIET_MS) return false;
  lastAlerted.set(sessionId, now);
  return true;
}
