import { Types } from 'mongoose';
import type { CallDto, CallStatus, SessionDto } from '../../../../shared/src/contract/types';
import { CallModel } from '../../db/models/call.model';
import type { Logger } from '../../logger';
import type { AgentService } from '../agents/agent.service';
import { AppError, notFound } from '../app-error';
import type { EventBus } from '../events/event-bus';
import type { MemoryService } from '../memory/memory.service';
import type { MessageService } from '../messages/message.service';
import { refs, type SessionService } from '../sessions/session.service';
import { toCallDto } from './call.mapper';
import { checkCallSignature } from './call-signature';
import { CallDeliveryTarget, callDelivery } from './call-delivery';
import { chatLines, type ChatLines } from '../i18n/chat-lines';
import type { OutboundQueue } from '../webhooks/outbound-queue';
import type { HeaderBag } from '../webhooks/webhook-signature';
import { CallReportReceiptModel } from '../../db/models/call-report-receipt.model';
import { toPlainText } from '../../../../shared/src/plain-text';

/** Receipts outlive their report's acceptable window by this much (clock skew between our processes). */
const RECEIPT_MARGIN_MS = 60_000;

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
  /** The durable queue of signed outbound deliveries (the webhook dispatcher sends them). */
  queue: OutboundQueue;
  /** Delays between attempts to reach the voice platform. */
  retryScheduleMs?: number[];
  /** How far a report's signed timestamp may be from now (CALL_SIGNATURE_TOLERANCE_SECONDS). */
  signatureToleranceSec: number;
  clock?: () => Date;
}

/** Escalation to a phone call: the offer, the signed request to the voice platform, its reports. */
export class CallService {
  /** Where the dispatcher sends queued call requests (kind `call`). */
  readonly deliveryTarget: CallDeliveryTarget;

  constructor(
    private readonly sessions: SessionService,
    private readonly messages: MessageService,
    private readonly agents: AgentService,
    private readonly memory: MemoryService,
    private readonly bus: EventBus,
    private readonly logger: Logger,
    private readonly opts: CallServiceOptions,
  ) {
    this.deliveryTarget = new CallDeliveryTarget(agents, memory, {
      publicUrl: opts.publicUrl,
      retryScheduleMs: opts.retryScheduleMs,
      attempted: (callId, sessionId, error, final) => this.deliveryAttempted(callId, sessionId, error, final),
    });
  }

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

  /** Queues the signed request to the voice platform (durably: a restart does not lose it). */
  private async requested(session: SessionDto, call: CallDto): Promise<CallDto> {
    const agent = await this.agents.getDoc(session.agentId);
    const esc = agent.callEscalation;
    const configured = Boolean(esc?.enabled && esc.webhookUrl && this.agents.callSecretOf(agent));
    if (configured) await this.opts.queue.add([callDelivery(call.id, session.id)]);
    this.bus.publish('call.requested', refs(session), { call });
    if (!configured) {
      void this.settle(session, call.id, 'failed', 'call escalation is not configured').catch((err: unknown) => this.logger.warn({ err, callId: call.id }, 'could not fail an unconfigured call'));
    }
    return call;
  }

  /** Each attempt is counted on the call; when the last one fails, so does the call. */
  private async deliveryAttempted(callId: string, sessionId: string, error: string | null, final: boolean): Promise<void> {
    await CallModel.updateOne({ _id: callId }, { $inc: { deliveryAttempts: 1 }, $set: { lastDeliveryError: error } });
    if (!error || !final) return;
    this.logger.warn({ callId, sessionId, error }, 'the voice platform could not be reached; the call failed');
    const session = await this.sessions.get(sessionId);
    // The platform may have reported on the call meanwhile: then it is not failed.
    await this.settle(session, callId, 'failed', `the voice platform could not be reached (${error})`).catch(() => undefined);
  }

  /** A signed report from the voice platform moves the call on; `completed` brings its summary into the chat. */
  async report(callId: string, rawBody: Buffer, headers: HeaderBag, update: { status: keyof typeof PREVIOUS; summary?: string }): Promise<CallDto> {
    const existing = Types.ObjectId.isValid(callId) ? await CallModel.findById(callId).lean() : null;
    if (!existing) throw notFound('call');
    const agent = await this.agents.getDoc(existing.agentId.toHexString());
    const secret = this.agents.callSecretOf(agent);
    if (!secret) throw new AppError('unauthorized', 'the agent has no call-escalation secret to check the signature with');
    await this.checkSigned(callId, secret, rawBody, headers);
    const session = await this.sessions.get(existing.sessionId.toHexString());
    return this.settle(session, callId, update.status, null, update.summary);
  }

  /** Refuses a report that is unsigned, stale, or signed exactly as one already received. */
  private async checkSigned(callId: string, secret: string, rawBody: Buffer, headers: HeaderBag): Promise<void> {
    const tolerance = this.opts.signatureToleranceSec;
    const check = checkCallSignature(secret, rawBody, headers, tolerance, Math.floor(this.now().getTime() / 1000));
    if (!check.ok) throw new AppError(check.code, check.message);
    const expiresAt = new Date((check.timestamp + tolerance) * 1000 + RECEIPT_MARGIN_MS);
    try {
      await CallReportReceiptModel.create({ key: `${callId}:${check.replayKey}`, expiresAt });
    } catch (err) {
      if ((err as { code?: unknown }).code === 11000 || /E11000/.test(String(err))) {
        throw new AppError('signature_replayed', 'this signed report was received before: sign each report afresh, with its own timestamp or webhook-id');
      }
      throw err;
    }
  }

  private now(): Date {
    return this.opts.clock?.() ?? new Date();
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
