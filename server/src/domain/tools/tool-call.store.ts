import { randomBytes } from 'node:crypto';
import { Types, type mongo } from 'mongoose';
import type { MessageDto, ToolApproval, ToolCallStatus } from '../../../../shared/src/contract/types';
import { messageCollection, type MessageRecord } from '../../db/driver-collections';
import type { EventBus } from '../events/event-bus';
import type { MessageService } from '../messages/message.service';
import { toMessageDto } from '../messages/message.mapper';

export type ToolEvent = 'tool.called' | 'tool.completed' | 'tool.approval_requested' | 'tool.approved' | 'tool.denied';

export interface NewToolCall {
  name: string;
  arguments: Record<string, unknown>;
  status: ToolCallStatus;
  approval: ToolApproval;
  source: 'http' | 'mcp';
  progressLabel: string | null;
  reason?: string | null;
  expiresAt?: Date | null;
  staleAt?: Date | null;
}

/** The fields a status change writes (`arguments` as an object; stored as JSON text). */
export interface ToolCallChange {
  status: ToolCallStatus;
  arguments?: Record<string, unknown>;
  result?: string | null;
  durationMs?: number | null;
  decidedBy?: { id: string; name: string } | null;
  reason?: string | null;
  staleAt?: Date | null;
}

/** Our own id for a call: the model's ids repeat across conversations, an idempotency key must not. */
export const newToolCallId = (): string => `call_${randomBytes(12).toString('hex')}`;

/**
 * Tool calls as staff-only messages of role `tool`: written first, then moved on by
 * conditional updates (the expected status in the filter), each change announced once.
 */
export class ToolCallStore {
  constructor(
    private readonly messages: MessageService,
    private readonly bus: EventBus,
  ) {}

  async create(session: { id: string; agentId: string }, call: NewToolCall, event: ToolEvent): Promise<MessageDto> {
    const { message } = await this.messages.append(session.id, 'tool', call.name, {
      toolCall: {
        toolCallId: newToolCallId(),
        name: call.name,
        arguments: JSON.stringify(call.arguments),
        status: call.status,
        approval: call.approval,
        result: null,
        durationMs: null,
        decidedBy: null,
        reason: call.reason ?? null,
        expiresAt: call.expiresAt ?? null,
        progressLabel: call.progressLabel,
        source: call.source,
        staleAt: call.staleAt ?? null,
      },
    });
    this.announce(event, message, session.agentId);
    return message;
  }

  /** Moves a call on only if it is still in one of `from`; null when it was not (someone else moved it first). */
  async transition(sessionId: string, toolCallId: string, from: ToolCallStatus[], change: ToolCallChange): Promise<MessageDto | null> {
    const set: Record<string, unknown> = { updatedAt: new Date() };
    for (const [key, value] of Object.entries(change)) {
      if (value !== undefined) set[`toolCall.${key}`] = key === 'arguments' ? JSON.stringify(value) : value;
    }
    if (change.status !== 'running') set['toolCall.staleAt'] = null;
    const filter = { ...this.filterOf(sessionId, toolCallId), 'toolCall.status': { $in: from } } as mongo.Filter<MessageRecord>;
    const doc = await messageCollection().findOneAndUpdate(filter, { $set: set }, { returnDocument: 'after' });
    return doc ? toMessageDto(doc) : null;
  }

  async find(sessionId: string, toolCallId: string): Promise<MessageDto | null> {
    if (!Types.ObjectId.isValid(sessionId)) return null;
    const doc = await messageCollection().findOne(this.filterOf(sessionId, toolCallId) as mongo.Filter<MessageRecord>);
    return doc ? toMessageDto(doc) : null;
  }

  /** Calls of this session still waiting for a decision. */
  async pendingIn(sessionId: string): Promise<MessageDto[]> {
    const docs = await messageCollection()
      .find({ sessionId: new Types.ObjectId(sessionId), role: 'tool', 'toolCall.status': 'pending_approval' } as mongo.Filter<MessageRecord>)
      .limit(100)
      .toArray();
    return docs.map(toMessageDto);
  }

  /** Calls whose approval deadline has passed. */
  async expired(now: Date): Promise<MessageDto[]> {
    const docs = await messageCollection().find({ role: 'tool', 'toolCall.status': 'pending_approval', 'toolCall.expiresAt': { $lte: now } } as mongo.Filter<MessageRecord>).limit(100).toArray();
    return docs.map(toMessageDto);
  }

  /** Calls still `running` past their deadline: their process died (or hangs) while the tool ran. */
  async stale(now: Date): Promise<MessageDto[]> {
    const docs = await messageCollection().find({ role: 'tool', 'toolCall.status': 'running', 'toolCall.staleAt': { $lte: now } } as mongo.Filter<MessageRecord>).limit(100).toArray();
    return docs.map(toMessageDto);
  }

  announce(event: ToolEvent, message: MessageDto, agentId: string): void {
    this.bus.publish(event, { sessionId: message.sessionId, agentId }, { message });
  }

  private filterOf(sessionId: string, toolCallId: string): Record<string, unknown> {
    return { sessionId: new Types.ObjectId(sessionId), role: 'tool', 'toolCall.toolCallId': toolCallId };
  }
}
