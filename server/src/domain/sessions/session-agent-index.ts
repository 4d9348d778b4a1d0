import { Types } from 'mongoose';
import { SessionModel } from '../../db/models/session.model';

const MAX_ENTRIES = 100_000;

/**
 * Which agent a session belongs to. That never changes, so once known (the session was
 * created or read in this process) it is remembered (the oldest entries are dropped past
 * MAX_ENTRIES), sparing a read on every message. One instance is shared by the services.
 */
export class SessionAgentIndex {
  private readonly agents = new Map<string, string>();

  remember(sessionId: string, agentId: string): void {
    if (this.agents.size >= MAX_ENTRIES) this.agents.delete(this.agents.keys().next().value as string);
    this.agents.set(sessionId, agentId);
  }

  /** The session's agent id, or null when there is no such session. */
  async agentOf(sessionId: string): Promise<string | null> {
    const known = this.agents.get(sessionId);
    if (known) return known;
    if (!Types.ObjectId.isValid(sessionId)) return null;
    const session = await SessionModel.findById(sessionId, { agentId: 1 }).lean();
    if (!session) return null;
    const agentId = session.agentId.toHexString();
    this.remember(sessionId, agentId);
    return agentId;
  }
}
