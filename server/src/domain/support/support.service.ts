import type { MessageDto, OperatorDto, SessionDto, SupportCommand } from '../../../../shared/src/contract/types';
import { AppError, notFound } from '../app-error';
import type { AgentService } from '../agents/agent.service';
import type { EventBus } from '../events/event-bus';
import type { MessageService } from '../messages/message.service';
import type { AgentRuntime } from '../runtime/agent-runtime';
import { refs, type SessionService } from '../sessions/session.service';
import { assertContentSize } from './content-limit';
import { summariseSupportSpell } from './support-summary';
import { customerUnanswered, refusedTakeover } from './support-rules';
import { chatLines } from '../i18n/chat-lines';

/** Who runs a command: an operator, or an integrator's API key (which owns no sessions). */
export type Actor = Pick<OperatorDto, 'id' | 'name'> & { isOperator: boolean };

/** A whisper or a tell; a `clientMessageId` makes it safe to send again (stored once). */
export interface StaffMessage {
  content: string;
  clientMessageId?: string;
}
export interface SentStaffMessage {
  message: MessageDto;
  /** A retry of one already stored: nothing was stored, announced or answered again. */
  duplicate: boolean;
}

/** The human-in-the-loop commands: whisper, tell, takeover, release. */
export class SupportService {
  constructor(
    private readonly sessions: SessionService,
    private readonly messages: MessageService,
    private readonly agents: AgentService,
    private readonly runtime: AgentRuntime,
    private readonly bus: EventBus,
    private readonly maxChars: number,
    /** Tool calls waiting for approval are cancelled by a takeover. */
    private readonly approvals?: { cancelWaiting(sessionId: string): Promise<number> },
  ) {}

  async whisper(sessionId: string, actor: Actor, input: StaffMessage & { respond?: boolean }): Promise<SentStaffMessage> {
    const respond = input.respond ?? false;
    const { message, session } = await this.appendStaff(sessionId, 'whisper', input, actor);
    if (!session) return { message, duplicate: true };
    this.bus.publish('command.whisper', refs(session), { message, respond });
    if (respond && session.mode === 'ai') void this.runtime.requestReply(sessionId).catch(() => undefined);
    return { message, duplicate: false };
  }

  async tell(sessionId: string, actor: Actor, input: StaffMessage): Promise<SentStaffMessage> {
    const { message, session } = await this.appendStaff(sessionId, 'operator', input, actor);
    if (!session) return { message, duplicate: true };
    this.bus.publish('command.tell', refs(session), { message });
    return { message, duplicate: false };
  }

  /**
   * One conditional update from `ai` to `support`: of two operators racing, exactly one
   * wins. The reply in flight is aborted before this returns, so no AI text follows the ack.
   */
  async takeover(sessionId: string, actor: Actor): Promise<SessionDto> {
    const current = await this.allowed(sessionId, 'takeover');
    // A second takeover by the operator who holds the session (a double click, a retry after a
    // lost ack) answers the session as it is: no second notice, no "another operator" error.
    let repeated = false;
    const session = await this.sessions.transition(
      sessionId,
      { mode: 'ai', status: { $ne: 'closed' } },
      { $set: { mode: 'support', assignedTo: actor.isOperator ? actor.id : null, supportSinceSeq: current.lastSeq, modeChangedAt: new Date() } },
      (s) => {
        const refused = refusedTakeover(s, actor);
        return refused === 'repeated' ? ((repeated = true), s) : refused;
      },
    );
    if (repeated) return session;
    await this.runtime.abort(sessionId);
    await this.messages.interruptStreaming(sessionId);
    await this.approvals?.cancelWaiting(sessionId);
    const { language } = await this.agents.get(session.agentId);
    await this.messages.append(sessionId, 'system', chatLines(language).joined(actor.name), { source: 'takeover' });
    this.bus.publish('command.takeover', refs(session), { session, operatorId: actor.id });
    return session;
  }

  /**
   * Back to `ai`; the model gets a summary of the human spell, the old help request is settled,
   * the customer is told the assistant is back, and a customer message nobody answered during
   * the spell gets its AI reply now (it was left hanging before).
   */
  async release(sessionId: string, actor: Actor): Promise<SessionDto> {
    const before = await this.sessions.getRaw(sessionId);
    const spell = await this.messages.list(sessionId, 'staff', before.supportSinceSeq ?? 0, 200);
    const session = await this.sessions.transition(
      sessionId,
      { mode: 'support' },
      { $set: { mode: 'ai', assignedTo: null, helpRequested: false, helpRequestedAt: null, helpReason: null, modeChangedAt: new Date() } },
      () => new AppError('not_in_support', 'this session is not in support mode'),
    );
    await this.messages.append(sessionId, 'context', summariseSupportSpell(spell, actor.name), { source: 'release' });
    const { language } = await this.agents.get(session.agentId);
    await this.messages.append(sessionId, 'system', chatLines(language).aiBack, { source: 'release' });
    this.bus.publish('command.release', refs(session), { session, operatorId: actor.id });
    if (customerUnanswered(spell) && session.status !== 'closed') void this.runtime.requestReply(sessionId).catch(() => undefined);
    return session;
  }

  /** Checks and stores a whisper or tell; `session` is absent when it was a retry of one stored before. */
  private async appendStaff(sessionId: string, role: 'whisper' | 'operator', input: StaffMessage, actor: Actor): Promise<{ message: MessageDto; session?: SessionDto }> {
    assertContentSize(input.content, this.maxChars);
    await this.checkEnabled(sessionId, role === 'whisper' ? 'whisper' : 'tell');
    const { message, duplicate, session } = await this.messages.append(sessionId, role, input.content, { author: { id: actor.id, name: actor.name }, clientMessageId: input.clientMessageId });
    return duplicate ? { message } : { message, session: session as SessionDto };
  }

  private async allowed(sessionId: string, command: SupportCommand): Promise<SessionDto> {
    const session = await this.sessions.get(sessionId);
    await this.assertEnabled(session.agentId, command);
    if (session.status === 'closed') throw new AppError('session_closed', 'this session is closed');
    return session;
  }

  /**
   * For commands that only append a message: the append itself refuses a closed session
   * atomically, so the session is not read first (its agent is known from memory).
   */
  private async checkEnabled(sessionId: string, command: SupportCommand): Promise<void> {
    const agentId = await this.sessions.agentOf(sessionId);
    if (!agentId) throw notFound('session');
    await this.assertEnabled(agentId, command);
  }

  private async assertEnabled(agentId: string, command: SupportCommand): Promise<void> {
    const agent = await this.agents.get(agentId);
    if (!agent.supportCommands[command]) throw new AppError('command_disabled', `${command} is disabled for this agent`);
  }
}
