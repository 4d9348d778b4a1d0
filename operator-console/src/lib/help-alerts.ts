/**
 * Deciding when a help request deserves a toast. Pure: the caller keeps the set of keys
 * already alerted. A request is identified by session and `helpRequestedAt`, so a session
 * that asks again after being resolved alerts again, while later updates of the same open
 * request (new messages, other operators joining) stay quiet.
 */
import type { SessionDto } from '../../../shared/src/contract/types';

/** Requests older than the console (minus this slack for clock skew) are the inbox, not news. */
export const HELP_ALERT_SLACK_MS = 10_000;

/** The key to alert on, or null when this update is not a new help request. */
export function helpAlertKey(session: SessionDto, since: number, alerted: ReadonlySet<string>): string | null {
  if (!session.helpRequested || session.status === 'closed') return null;
  const at = session.helpRequestedAt ?? session.updatedAt;
  const key = `${session.id}@${at}`;
  if (alerted.has(key)) return null;
  return Date.parse(at) >= since - HELP_ALERT_SLACK_MS ? key : null;
}
