import { Types } from 'mongoose';
import type { CallDto, CallStatus, SessionDto } from '../../../../shared/src/dto';
import { CallModel } from '../../db/models/call.model';
import type { Logger } from '../../logger';
import type { AgentService } from '../agents/agent.service';
import { AppError, notFound } from '../app-error';
import type { EventBus } from '../events/event-bus';
import type { MemoryService } from '../memory/memory.service';
import type { MessageService } from '../messages/message.service';
import { refs, type SessionService } from '../sessions/session.service';
import { toCallDto } from './call.mapper';
import { signBody, SIGNATURE_HEADER, verifyBody } from './call-signature';
import { chatLines, type ChatLines } from '../i18n/chat-lines';
import { toPlainText } from '../../../../shared/src/plain-text';

const RETRY_DELAYS_MS = [500, 2_000, 5_000];

/** The offer as one plain-text line for SMS-like channels: the AI's reason, then how to accept. */
const offerText = (reason: string, lines: ChatLines): string => [toPlainText(reason), lines.callOfferText].filter(Boolean).join('\n\n');
/** Which states a report may move a call from. */
const PREVIOUS: Record<Exclude<CallStatus, 'offered' | 'requested'>, CallStatus[]> = {
  ringing: ['requested'],
  in_progress: ['requested', 'ringing'],
  completed: ['requested', 'ringing', 'in_progress'],
  failed: ['requested', 'ringing', 'in_progress'],
};

export interface CallServiceOptions {
  publicUrl: () => string;
  fetchImpl?: typeof fetch;
  retryDelaysMs?: number[];
}

/** Escalation to a phone call: the offer, the signed request to the voice platform, its reports. */
export class CallService {
  constructor(
    private readonly sessions: SessionService,
    private readonly messages: MessageService,
    private readonly agents: AgentService,
    private readonly memory: MemoryService,
    private readonly bus: EventBus,
    private readonly logger: Logger,
    private readonly opts: CallServiceOptions,
  ) {}

  /** The AI offers a call: the widget shows the offer card. */
  async offer(sessionId: string, reason: string): Promise<CallDto> {
    const session = await this.sessions.get(sessionId);
    const doc = await CallModel.create({ sessionId: new Types.ObjectId(sessionId), agentId: new Types.ObjectId(session.agentId), status: 'offered', reason: reason || null });
    const language = (await this.agents.getDoc(session.agentId).catch(() => null))?.language;
    const call = { ...toCallDto(doc.toObject()), text: offerText(reason, chatLines(language)) };
    this.bus.publish('call.updated', refs(session), { call });
    return call;
  }

  /** The customer accepts the latest offer with a phone number (already validated as E.164). */
  async accept(sessionId: string, phone: string): Promise<CallDto> {
    const session = await this.sessions.get(sessionId);
    const offer = await this.takeOffer(sessionId, phone);
    if (!offer) throw new AppError('conflict', 'there is no call offer to accept');
    return this.requested(session, offer);
  }

  /** Moves the latest open offer to `requested` with the phone, in one conditional update; null if none is open. */
  private async takeOffer(sessionId: string, phone: string): Promise<CallDto | null> {
    const doc = await CallModel.findOneAndUpdate(
      { sessionId: new Types.ObjectId(sessionId), status: 'offered' },
      { $set: { status: 'requested', phone } },
      { sort: { createdAt: -1 }, returnDocument: 'after' },
    ).lean();
    return doc ? toCallDto(doc) : null;
  }

  /**
   * A developer escalates a session to a call directly (POST /v1/chat/sessions/:id/calls). An
   * open offer is taken up (a gateway answering the offer for an SMS customer), else a call is made.
   */
  async request(sessionId: string, phone: string): Promise<CallDto> {
    const session = await this.sessions.get(sessionId);
    const agent = await this.agents.getDoc(session.agentId);
    if (!agent.callEscalation?.enabled) throw new AppError('command_disabled', 'call escalation is disabled for this agent');
    const offer = await this.takeOffer(sessionId, phone);
    if (offer) return this.requested(session, offer);
    const doc = await CallModel.create({ sessionId: new Types.ObjectId(sessionId), agentId: agent._id, status: 'requested', phone });
    return this.requested(session, toCallDto(doc.toObject()));
  }

  private async requested(session: SessionDto, call: CallDto): Promise<CallDto> {
    this.bus.publish('call.requested', refs(session), { call });
    void this.deliver(session, call).catch((err: unknown) => this.logger.error({ err, callId: call.id }, 'call delivery crashed'));
    return call;
  }

  /** POSTs the signed call request to the agent's voice webhook, retrying with backoff. */
  private async deliver(session: SessionDto, call: CallDto): Promise<void> {
    const agent = await this.agents.getDoc(session.agentId);
    const esc = agent.callEscalation;
    const secret = this.agents.callSecretOf(agent);
    if (!esc?.enabled || !esc.webhookUrl || !secret) {
      await this.settle(session, call.id, 'failed', 'call escalation is not configured');
      return;
    }
    const summary = await this.memory.summaryOf(session.id, agent);
    const body = JSON.stringify({ callId: call.id, sessionId: session.id, phone: call.phone, voiceAgentId: esc.voiceAgentId ?? null, summary, callbackUrl: `${this.opts.publicUrl()}/v1/calls/${call.id}/events` });
    const delays = this.opts.retryDelaysMs ?? RETRY_DELAYS_MS;
    for (let attempt = 0; attempt <= delays.length; attempt++) {
      const error = await this.post(esc.webhookUrl, body, secret);
      await CallModel.updateOne({ _id: call.id }, { $inc: { deliveryAttempts: 1 }, $set: { lastDeliveryError: error } });
      if (!error) return;
      this.logger.warn({ callId: call.id, sessionId: session.id, attempt, error }, 'voice webhook delivery failed');
      if (attempt < delays.length) await new Promise((r) => setTimeout(r, delays[attempt]));
    }
    await this.settle(session, call.id, 'failed', 'the voice platform could not be reached');
  }

  private async post(url: string, body: string, secret: string): Promise<string | null> {
    try {
      const res = await (this.opts.fetchImpl ?? fetch)(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signBody(body, secret) },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      return res.ok ? null : `HTTP ${res.status}`;
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
    }
  }

  /** A signed report from the voice platform moves the call on; `completed` brings its summary into the chat. */
  async report(callId: string, rawBody: Buffer, signature: string | undefined, update: { status: keyof typeof PREVIOUS; summary?: string }): Promise<CallDto> {
    const existing = Types.ObjectId.isValid(callId) ? await CallModel.findById(callId).lean() : null;
    if (!existing) throw notFound('call');
    const agent = await this.agents.getDoc(existing.agentId.toHexString());
    const secret = this.agents.callSecretOf(agent);
    if (!secret || !verifyBody(rawBody, secret, signature)) throw new AppError('unauthorized', 'the signature does not match');
    const session = await this.sessions.get(existing.sessionId.toHexString());
    return this.settle(session, callId, update.status, null, update.summary);
  }

  private async settle(session: SessionDto, callId: string, status: keyof typeof PREVIOUS, error: string | null, summary?: string): Promise<CallDto> {
    const set: Record<string, unknown> = { status };
    if (error) set.lastDeliveryError = error;
    if (summary) set.summary = summary;
    const doc = await CallModel.findOneAndUpdate({ _id: callId, status: { $in: PREVIOUS[status] } }, { $set: set }, { returnDocument: 'after' }).lean();
    if (!doc) throw new AppError('conflict', `the call cannot move to ${status} from where it is`);
    const call = toCallDto(doc);
    this.bus.publish('call.updated', refs(session), { call });
    if (status === 'completed') await this.bringBackToChat(session.id, summary);
    if (status === 'failed') await this.messages.append(session.id, 'system', (await this.linesFor(session.agentId)).callFailed, { source: 'call' }).catch(() => undefined);
    return call;
  }

  private async bringBackToChat(sessionId: string, summary: string | undefined): Promise<void> {
    const { message } = await this.messages.append(sessionId, 'context', `Summary of the phone call with the customer: ${summary ?? '(no summary was given)'}`, { source: 'call' });
    const session = await this.sessions.get(sessionId);
    this.bus.publish('context.injected', refs(session), { message });
    await this.messages.append(sessionId, 'system', (await this.linesFor(session.agentId)).callEnded, { source: 'call' });
  }

  private async linesFor(agentId: string): Promise<ChatLines> {
    return chatLines((await this.agents.getDoc(agentId).catch(() => null))?.language);
  }
}
