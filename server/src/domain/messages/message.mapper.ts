import type { MessageDto, MessageRole, MessageStatus } from '../../../../shared/src/dto';
import type { Message } from '../../db/models/message.model';
import type { Types } from 'mongoose';

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
  if (m.completedAt) dto.completedAt = new Date(m.completedAt).toISOString();
  return dto;
}
