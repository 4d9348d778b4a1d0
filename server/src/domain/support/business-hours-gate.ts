import { isOpen, nextOpening, openingParts, type BusinessHours } from '../../../../shared/src/business-hours';
import type { SessionDto } from '../../../../shared/src/contract/types';
import type { AgentService } from '../agents/agent.service';
import { chatLines } from '../i18n/chat-lines';

/** An agent-like object that may carry business hours (an AgentDoc or an AgentDto). */
export interface HasBusinessHours {
  businessHours?: unknown;
  /** The agent's language: the line is written in it. */
  language?: string | null;
  escalationLadder?: { enabled?: boolean } | null;
}

const hoursOf = (agent: HasBusinessHours): BusinessHours | null => (agent.businessHours ? (agent.businessHours as BusinessHours) : null);

/**
 * Whether people answer help requests for this agent at `now` (no hours set = always).
 * Exported for the escalation ladder: outside hours there is no operator to wait for.
 */
export function isWithinBusinessHours(agent: HasBusinessHours, now: Date = new Date()): boolean {
  const hours = hoursOf(agent);
  return !hours || isOpen(hours, now);
}

/** The customer-facing line for a help request made outside hours, or null while open. */
export function afterHoursNotice(agent: HasBusinessHours, now: Date = new Date()): string | null {
  const hours = hoursOf(agent);
  if (!hours || isOpen(hours, now)) return null;
  const back = nextOpening(hours, now);
  const lines = chatLines(agent.language);
  if (!back) return `${lines.teamAway} ${lines.willReply}`;
  const { day, time } = openingParts(hours, back, agent.language ?? 'en');
  return `${lines.teamBack(lines.opening(day, time, hours.timezone))} ${lines.willReply}`;
}

/**
 * Whether the after-hours line is the escalation ladder's to say: an agent with the ladder on
 * answers a help request outside hours at once with that line (and a call offer, if it can
 * call) — for a session the AI is holding — so storing it here as well would tell the
 * customer the same thing twice.
 */
export const ladderSaysAfterHours = (agent: HasBusinessHours, session: Pick<SessionDto, 'mode' | 'status'>): boolean =>
  Boolean(agent.escalationLadder?.enabled) && session.mode === 'ai' && session.status === 'active';

/** Looks the agent up and answers `afterHoursNotice` for it. */
export class BusinessHoursGate {
  constructor(
    private readonly agents: AgentService,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Null within hours; outside them the line, and whether the escalation ladder will say it. */
  async afterHours(session: SessionDto): Promise<{ notice: string; byLadder: boolean } | null> {
    const agent = await this.agents.getDoc(session.agentId);
    const notice = afterHoursNotice(agent, this.clock());
    return notice ? { notice, byLadder: ladderSaysAfterHours(agent, session) } : null;
  }
}
