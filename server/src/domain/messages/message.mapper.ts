import type { MessageDto, MessageRole, MessageStatus, ReplyEndReason } from '../../../../shared/src/dto';
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
  if (m.completedAt) dto.completedAt = new Date(m.completedAt).toISOString();
  if (m.endReason) dto.endReason = m.endReason as ReplyEndReason;
  return dto;
}
