import type { AgentService } from '../agents/agent.service';
import { chatLines } from '../i18n/chat-lines';
import type { SessionService } from '../sessions/session.service';

/** How an operator left: they closed their console, or it stopped answering (its process or network went). */
export type Departure = 'closed_console' | 'console_stopped';

/**
 * An operator has left: the customers who were waiting for them go back to the help inbox, so
 * every console is alerted and anyone can take them over. The help reason says who left and
 * how, in the language of each session's agent. Returns how many sessions were flagged.
 */
export function operatorLeft(deps: { sessions: SessionService; agents: AgentService }, operator: { id: string; name: string }, how: Departure): Promise<number> {
  return deps.sessions.flagWaitingOn(operator.id, async (agentId) => {
    const lines = chatLines((await deps.agents.getDoc(agentId).catch(() => null))?.language).operatorLeft;
    return how === 'closed_console' ? lines.closedConsole(operator.name) : lines.consoleStopped(operator.name);
  });
}
