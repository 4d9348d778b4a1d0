import type { MessageDto, SessionDto } from '../../../../shared/src/contract/types';
import type { RateLimits } from '../limits/rate-limits';
import type { MessageService } from '../messages/message.service';
import type { AgentRuntime, ReplyHooks } from '../runtime/agent-runtime';
import type { SessionService } from '../sessions/session.service';
import { assertContentSize } from '../support/content-limit';
import type { EventBus } from '../events/event-bus';
import { refs } from '../sessions/session.service';
import type { BusinessHoursGate } from '../support/business-hours-gate';
import { chatLines } from '../i18n/chat-lines';
import type { AgentService } from '../agents/agent.service';
import { SupportHints } from './support-hints';

/** Who sent a customer message; API-key traffic is trusted and limited separately. */
export interface Sender {
  ip: string;
  trusted: boolean;
}

export interface SendResult {
  message: MessageDto;
  duplicate: boolean;
  /** The AI's reply on its way, or null (support mode, closed, or a duplicate send). */
  reply: Promise<MessageDto | null> | null;
}

/** A customer's turn: limits, storage (idempotent by clientMessageId), and the AI's reply. */
export class ChatService {
  private readonly supportHints: SupportHints;

  constructor(
    private readonly sessions: SessionService,
    private readonly messages: MessageService,
    private readonly agents: AgentService,
    private readonly runtime: AgentRuntime,
    private readonly limits: RateLimits,
    private readonly bus: EventBus,
    private readonly maxChars: number,
    private readonly hours?: BusinessHoursGate,
  ) {
    this.supportHints = new SupportHints(bus);
  }

  async sendCustomerMessage(sessionId: string, content: string, clientMessageId: string | undefined, sender: Sender, hooks?: ReplyHooks): Promise<SendResult> {
    assertContentSize(content, this.maxChars);
    if (!sender.trusted) {
      await this.limits.consume('messagesPerIp', sender.ip);
      await this.limits.consume('messagesPerSession', sessionId);
    }
    const begun = await this.beginWithReply(sessionId, content, clientMessageId, hooks);
    if (begun) return begun;
    const { message, duplicate, session: counted } = await this.messages.append(sessionId, 'customer', content, { clientMessageId, wakes: true });
    if (duplicate) return { message, duplicate, reply: null };
    const session = counted ?? (await this.sessions.get(sessionId));
    this.supportHints.seen(sessionId, session.mode);
    const reply = session.mode === 'ai' ? this.runtime.requestReply(sessionId, hooks) : null;
    // The caller may not wait for the reply (sockets); its failures are settled inside the runtime.
    reply?.catch(() => undefined);
    return { message, duplicate, reply };
  }

  /**
   * The fast path of a turn with the AI: one database round trip (the turn's update) before
   * the model is asked; the message and the reply's placeholder are written meanwhile, and the
   * send is answered once they are. Null when it does not apply (see `beginAiTurn`).
   */
  private async beginWithReply(sessionId: string, content: string, clientMessageId: string | undefined, hooks?: ReplyHooks): Promise<SendResult | null> {
    const opening = this.supportHints.inSupport(sessionId) ? null : this.runtime.open(sessionId);
    if (!opening) return null;
    const turn = await this.messages.beginAiTurn(sessionId, content, clientMessageId, opening.owner).catch((err: unknown) => {
      opening.cancel();
      throw err;
    });
    if (!turn) {
      opening.cancel();
      return null;
    }
    const reply = opening.start(turn, hooks);
    // Failures of the reply are settled inside the runtime (one whose message was not stored ends quietly).
    reply.catch(() => undefined);
    const { message, duplicate } = await turn.stored;
    return { message, duplicate, reply: duplicate ? null : reply };
  }

  /** The customer asks for a person: flag once and tell them, in words, that someone is coming. */
  async requestHuman(sessionId: string, reason: string | null): Promise<SessionDto> {
    const { session, changed } = await this.sessions.requestHelp(sessionId, reason ?? 'The customer asked for a person');
    if (changed && !(await this.tellIfAfterHours(session))) {
      const { language } = await this.agents.get(session.agentId);
      await this.messages.append(sessionId, 'system', chatLines(language).helpNotified, { source: 'help' });
    }
    return session;
  }

  /** Help flagged over REST: as `requestHuman`, but only the after-hours line is added. */
  async flagHelp(sessionId: string, reason: string | null): Promise<SessionDto> {
    const { session, changed } = await this.sessions.requestHelp(sessionId, reason);
    if (changed) await this.tellIfAfterHours(session);
    return session;
  }

  /**
   * Outside the agent's business hours, says when people are back (unless the escalation
   * ladder says it); true outside hours.
   */
  async tellIfAfterHours(session: SessionDto): Promise<boolean> {
    const away = this.hours ? await this.hours.afterHours(session) : null;
    if (!away) return false;
    if (!away.byLadder) await this.messages.append(session.id, 'system', away.notice, { source: 'business_hours' });
    return true;
  }

  /**
   * Context the model sees and the customer does not; a repeated `clientMessageId` stores and
   * announces it once. `respond: true` makes the AI reply now (in `ai` mode), as for a whisper.
   */
  async injectContext(sessionId: string, input: { content: string; source?: string; clientMessageId?: string; respond?: boolean }): Promise<{ message: MessageDto; duplicate: boolean }> {
    const { message, duplicate } = await this.messages.append(sessionId, 'context', input.content, { source: input.source ?? 'api', clientMessageId: input.clientMessageId });
    if (duplicate) return { message, duplicate };
    const session = await this.sessions.get(sessionId);
    this.bus.publish('context.injected', refs(session), { message });
    if (input.respond && session.mode === 'ai' && session.status !== 'closed') void this.runtime.requestReply(sessionId).catch(() => undefined);
    return { message, duplicate };
  }
}
