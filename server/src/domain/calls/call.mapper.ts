import type { CallDto, CallStatus } from '../../../../shared/src/contract/types';
import type { Call } from '../../db/models/call.model';
import type { Types } from 'mongoose';

export function toCallDto(c: Call & { _id: Types.ObjectId; createdAt: Date; updatedAt: Date }): CallDto {
  return {
    id: c._id.toHexString(),
    sessionId: c.sessionId.toHexString(),
    status: c.status as CallStatus,
    phone: c.phone ?? null,
    reason: c.reason ?? null,
    summary: c.summary ?? null,
    error: c.lastDeliveryError ?? null,
    createdAt: new Date(c.createdAt).toISOString(),
    updatedAt: new Date(c.updatedAt).toISOString(),
  };
}
