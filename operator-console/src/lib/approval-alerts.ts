/**
 * Deciding when a session's approval request deserves a toast. Pure: the caller keeps what it
 * last knew of each session. A session alerts when it starts waiting for an approval (it was
 * not, or was not known, and now is), so later updates of the same wait stay quiet and a
 * second request after a decision alerts again. A wait older than the console is the inbox,
 * not news.
 */
import type { SessionDto } from '../../../shared/src/contract/types';
import { HELP_ALERT_SLACK_MS } from './help-alerts';

/** Whether this update is a new approval request; `known` is each session's last `approvalPending`. */
export function isNewApprovalRequest(session: SessionDto, since: number, known: ReadonlyMap<string, boolean>): boolean {
  if (!session.approvalPending || session.status === 'closed') return false;
  const before = known.get(session.id);
  if (before === true) return false;
  // Unknown sessions: only a recent change is news (an old wait is already in the inbox).
  return before === false || Date.parse(session.updatedAt) >= since - HELP_ALERT_SLACK_MS;
}
