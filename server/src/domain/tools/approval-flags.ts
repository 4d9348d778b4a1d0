import type { SessionService } from '../sessions/session.service';
import type { ToolCallStore } from './tool-call.store';

/** The help reason of a request raised for an approval: settled again once nothing waits. */
export const APPROVAL_HELP_PREFIX = 'Approval needed';

/**
 * The session's `approvalPending` flag. A call waiting for approval also raises a help request
 * (so it shows in the help inbox, with its notification and count); it is resolved again
 * when the last waiting call is decided, unless someone changed the reason meanwhile.
 */
export class ApprovalFlags {
  constructor(
    private readonly sessions: SessionService,
    private readonly store: ToolCallStore,
  ) {}

  async raise(sessionId: string, toolName: string): Promise<void> {
    await this.sessions.transition(sessionId, { approvalPending: { $ne: true } }, { $set: { approvalPending: true } }, (s) => s);
    await this.sessions.requestHelp(sessionId, `${APPROVAL_HELP_PREFIX}: ${toolName}`);
  }

  /** Clears the flag when no call of the session waits any more. */
  async settle(sessionId: string): Promise<void> {
    if ((await this.store.pendingIn(sessionId)).length > 0) return;
    const session = await this.sessions.transition(sessionId, { approvalPending: true }, { $set: { approvalPending: false } }, (s) => s);
    // A call raised between the count and the update would have been cleared with it: raise it again.
    if ((await this.store.pendingIn(sessionId)).length > 0) {
      await this.sessions.transition(sessionId, {}, { $set: { approvalPending: true } });
      return;
    }
    if (session.helpRequested && session.helpReason?.startsWith(APPROVAL_HELP_PREFIX)) await this.sessions.resolveHelp(sessionId);
  }
}
