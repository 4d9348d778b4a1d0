import type { MessageDto, SessionDto } from '../../shared/src/dto';

let n = 0;
const hexId = (): string => (++n).toString(16).padStart(24, '0');

/** A session with sensible defaults; override what the test is about. */
export function makeSession(over: Partial<SessionDto> = {}): SessionDto {
  return {
    id: hexId(),
    agentId: 'a'.repeat(24),
    customerId: 'cust-1',
    metadata: {},
    status: 'active',
    mode: 'ai',
    helpRequested: false,
    helpRequestedAt: null,
    helpReason: null,
    assignedTo: null,
    currentState: null,
    fields: {},
    fieldsComplete: true,
    createdAt: '2026-01-01T10:00:00.000Z',
    updatedAt: '2026-01-01T10:00:00.000Z',
    lastMessageAt: null,
    lastMessageFrom: null,
    lastSeq: 0,
    closedAt: null,
    csat: null,
    ...over,
  };
}

export function makeMessage(over: Partial<MessageDto> = {}): MessageDto {
  return {
    id: hexId(),
    sessionId: 's1',
    seq: 1,
    role: 'customer',
    content: 'hello',
    createdAt: '2026-01-01T10:00:00.000Z',
    ...over,
  };
}
