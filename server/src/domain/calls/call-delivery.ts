import { Types } from 'mongoose';
import { CallModel } from '../../db/models/call.model';
import type { AgentService } from '../agents/agent.service';
import type { MemoryService } from '../memory/memory.service';
import type { DeliveryTarget, NewDelivery, QueuedDelivery, ResolvedTarget } from '../webhooks/outbound-queue';
import { CALL_REQUEST_SCHEME } from './call-signature';

export interface CallDeliveryOptions {
  publicUrl: () => string;
  retryScheduleMs?: number[];
  /** Told of each attempt (the call keeps its count and last error; the last failure fails the call). */
  attempted: (callId: string, sessionId: string, error: string | null, final: boolean) => Promise<void>;
}

/** The queued delivery of a call request: its body is written by the first attempt. */
export function callDelivery(callId: string, sessionId: string): NewDelivery {
  return { kind: 'call', callId: new Types.ObjectId(callId), eventId: `call:${callId}`, type: 'call.requested', sessionId, body: null, nextAttemptAt: new Date() };
}

/**
 * Where a call request goes: the agent's voice `webhookUrl`, signed with its call-escalation
 * secret, both read when the request is sent. The body
 * `{callId, sessionId, phone, voiceAgentId, summary, callbackUrl}` is built once, on the first
 * attempt (the chat summary takes a model call), and every retry sends the same bytes.
 */
export class CallDeliveryTarget implements DeliveryTarget {
  readonly retryScheduleMs: number[] | undefined;

  constructor(
    private readonly agents: AgentService,
    private readonly memory: MemoryService,
    private readonly opts: CallDeliveryOptions,
  ) {
    this.retryScheduleMs = opts.retryScheduleMs;
  }

  async resolve(d: QueuedDelivery): Promise<ResolvedTarget | null> {
    const call = d.callId ? await CallModel.findById(d.callId).lean() : null;
    // Gone (erased), or the platform has already reported on it: nothing more to send.
    if (!call || call.status !== 'requested') return null;
    const agent = await this.agents.getDoc(call.agentId.toHexString());
    const esc = agent.callEscalation;
    const secret = this.agents.callSecretOf(agent);
    if (!esc?.enabled || !esc.webhookUrl || !secret) throw new Error('call escalation is not configured');
    const callId = call._id.toHexString();
    const sessionId = call.sessionId.toHexString();
    const body =
      d.body ??
      JSON.stringify({
        callId,
        sessionId,
        phone: call.phone,
        voiceAgentId: esc.voiceAgentId ?? null,
        summary: await this.memory.summaryOf(sessionId, agent),
        callbackUrl: `${this.opts.publicUrl()}/v1/calls/${callId}/events`,
      });
    return { url: esc.webhookUrl, secret, scheme: CALL_REQUEST_SCHEME, headers: {}, body };
  }

  async attempted(d: QueuedDelivery, error: string | null, final: boolean): Promise<void> {
    if (d.callId) await this.opts.attempted(d.callId.toHexString(), d.sessionId, error, final);
  }
}
