import type { MessageDto, SessionDto, ToolCallDto } from '../../shared/src/contract/types';

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
    approvalPending: false,
    channel: 'web',
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

/** A staff-only tool message carrying a call; override the call's fields with `call`. */
export function makeToolMessage(call: Partial<ToolCallDto> = {}, over: Partial<MessageDto> = {}): MessageDto {
  const toolCall: ToolCallDto = {
    toolCallId: 'call_1',
    name: 'refund_order',
    arguments: { orderId: '1234' },
    status: 'pending_approval',
    approval: 'always',
    result: null,
    durationMs: null,
    decidedBy: null,
    reason: null,
    expiresAt: '2026-01-01T10:05:00.000Z',
    progressLabel: null,
    source: 'http',
    ...call,
  };
  return makeMessage({ role: 'tool', content: toolCall.name, toolCall, ...over });
}
