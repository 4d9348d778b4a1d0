import type { LeadFieldValue, SessionDto, SessionStatus, SessionMode } from '../../../../shared/src/contract/types';
import type { Session } from '../../db/models/session.model';
import type { Types } from 'mongoose';

type SessionLike = Session & { _id: Types.ObjectId; createdAt: Date; updatedAt: Date };

const iso = (d: Date | null | undefined): string | null => (d ? new Date(d).toISOString() : null);

export function toSessionDto(s: SessionLike): SessionDto {
  return {
    id: s._id.toHexString(),
    agentId: s.agentId.toHexString(),
    customerId: s.customerId,
    metadata: (s.metadata ?? {}) as Record<string, unknown>,
    status: s.status as SessionStatus,
    mode: s.mode as SessionMode,
    helpRequested: s.helpRequested,
    helpRequestedAt: iso(s.helpRequestedAt),
    helpReason: s.helpReason ?? null,
    assignedTo: s.assignedTo ? s.assignedTo.toHexString() : null,
    currentState: s.currentState ?? null,
    fields: (s.fields ?? {}) as Record<string, LeadFieldValue>,
    fieldsComplete: s.fieldsComplete ?? true,
    createdAt: iso(s.createdAt) as string,
    updatedAt: iso(s.updatedAt) as string,
    lastMessageAt: iso(s.lastMessageAt),
    lastMessageFrom: (s.lastMessageFrom ?? null) as SessionDto['lastMessageFrom'],
    lastSeq: s.lastSeq,
    closedAt: iso(s.closedAt),
    modeChangedAt: iso(s.modeChangedAt),
    approvalPending: s.approvalPending ?? false,
    channel: s.channel ?? 'api',
    csat: s.csat?.rating ? { rating: s.csat.rating, comment: s.csat.comment ?? null, at: iso(s.csat.at) as string } : null,
  };
}
