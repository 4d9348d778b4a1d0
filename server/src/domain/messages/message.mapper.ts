import type { MessageDto, MessageRole, MessageStatus, ReplyEndReason, ToolCallDto } from '../../../../shared/src/contract/types';
import { customerMaySee } from '../audience/audience';
import { toPlainText } from '../../../../shared/src/plain-text';
import type { Message } from '../../db/models/message.model';
import type { Types } from 'mongoose';

/** Where an attachment is served; a bearer credential that may read the session is needed. */
export const attachmentUrl = (id: string): string => `/v1/attachments/${id}`;

type MessageLike = Message & { _id: Types.ObjectId; createdAt: Date };

export function toMessageDto(m: MessageLike): MessageDto {
  const dto: MessageDto = {
    id: m._id.toHexString(),
    sessionId: m.sessionId.toHexString(),
    seq: m.seq,
    role: m.role as MessageRole,
    content: m.content ?? '',
    createdAt: new Date(m.createdAt).toISOString(),
  };
  if (m.status) dto.status = m.status as MessageStatus;
  if (m.clientMessageId) dto.clientMessageId = m.clientMessageId;
  if (m.author?.id) dto.author = { id: m.author.id, name: m.author.name ?? '' };
  if (m.source) dto.source = m.source;
  const a = m.attachment;
  if (a?.id) {
    dto.attachment = { id: a.id, name: a.name ?? 'file', type: a.type ?? 'application/octet-stream', size: a.size ?? 0, url: attachmentUrl(a.id) };
  }
  if (m.toolCall) dto.toolCall = toToolCallDto(m.toolCall);
  if (m.completedAt) dto.completedAt = new Date(m.completedAt).toISOString();
  if (m.endReason) dto.endReason = m.endReason as ReplyEndReason;
  // The plain-text form is made here, where every message becomes a DTO (REST, sockets, /events,
  // webhooks): a pure pass over the content, no extra read.
  if (customerMaySee(dto)) dto.text = toPlainText(dto.content);
  return dto;
}

type StoredToolCall = NonNullable<Message['toolCall']>;

function parseArguments(text: string | null | undefined): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text ?? '{}');
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export function toToolCallDto(t: StoredToolCall): ToolCallDto {
  return {
    toolCallId: t.toolCallId,
    name: t.name,
    arguments: parseArguments(t.arguments),
    status: t.status as ToolCallDto['status'],
    approval: (t.approval ?? 'never') as ToolCallDto['approval'],
    result: t.result ?? null,
    durationMs: t.durationMs ?? null,
    decidedBy: t.decidedBy?.id ? { id: t.decidedBy.id, name: t.decidedBy.name ?? '' } : null,
    reason: t.reason ?? null,
    expiresAt: t.expiresAt ? new Date(t.expiresAt).toISOString() : null,
    progressLabel: t.progressLabel ?? null,
    source: (t.source ?? 'http') as ToolCallDto['source'],
  };
}
