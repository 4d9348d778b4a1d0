/** Who may see what of a conversation: every kind of message and every session field, for each audience. */
import { Types } from 'mongoose';
import type { CallDto, MessageDto, MessageRole, SessionDto, ToolCallDto, ToolCallStatus } from '../../../../../shared/src/contract/types';
import { toMessageDto } from '../../messages/message.mapper';
import { customerMaySee, viewOfCall, viewOfMessage, viewOfSession, visibleRoles, type Reader } from '../audience';

const SESSION_ID = new Types.ObjectId().toHexString();
let seq = 0;
const message = (role: MessageRole, content: string, extra: Partial<MessageDto> = {}): MessageDto => ({
  id: new Types.ObjectId().toHexString(),
  sessionId: SESSION_ID,
  seq: ++seq,
  role,
  content,
  createdAt: '2026-12-03T10:00:00.000Z',
  ...extra,
});
const toolCall = (status: ToolCallStatus, approval: ToolCallDto['approval'] = 'never'): ToolCallDto => ({
  toolCallId: `call_${status}`,
  name: 'refund_order',
  arguments: { orderId: 'A-1', amount: 40 },
  status,
  approval,
  result: status === 'succeeded' ? '{"refunded":true}' : null,
  durationMs: status === 'succeeded' ? 120 : null,
  decidedBy: status === 'denied' ? { id: 'op1', name: 'Alice' } : null,
  reason: status === 'denied' ? 'not eligible' : null,
  expiresAt: status === 'pending_approval' ? '2026-12-03T10:05:00.000Z' : null,
  progressLabel: 'Checking your order…',
  source: 'http',
});

/** Every kind of message a conversation holds, and whether its customer may see it. */
const KINDS: [string, MessageDto, boolean][] = [
  ['a customer message', message('customer', 'Where is my order?', { clientMessageId: 'c1' }), true],
  ['an AI reply streaming', message('agent', '', { status: 'streaming' }), true],
  ['an AI reply complete', message('agent', 'It ships **today**.', { status: 'complete' }), true],
  ['an AI reply cut off by a takeover', message('agent', 'It ships', { status: 'interrupted', endReason: 'takeover' }), true],
  ['an AI reply that failed', message('agent', '', { status: 'failed', endReason: 'model_error' }), true],
  ['a tell (an operator beside the AI)', message('operator', 'Hi, Alice here.', { author: { id: 'op1', name: 'Alice' } }), true],
  ['an operator message with a file', message('operator', '', { author: { id: 'op1', name: 'Alice' }, attachment: { id: 'f1', name: 'label.pdf', type: 'application/pdf', size: 10, url: '/v1/attachments/f1' } }), true],
  ['a notice ("Alice joined the chat")', message('system', 'Alice joined the chat', { source: 'takeover' }), true],
  ['a whisper', message('whisper', 'Offer the 10% voucher', { author: { id: 'op1', name: 'Alice' } }), false],
  ['a whisper asking for a reply now', message('whisper', 'Answer in French', { author: { id: 'op1', name: 'Alice' }, source: 'respond' }), false],
  ['context injected over the API', message('context', 'CRM: VIP customer', { source: 'api' }), false],
  ['a call summary', message('context', 'Summary of the phone call with the customer: refund agreed', { source: 'call' }), false],
  ['a state change of a multi-state agent', message('context', 'Conversation moved from state "greet" to "refund".', { source: 'state' }), false],
  ['a support spell summary on release', message('context', 'Alice handled: refund agreed', { source: 'release' }), false],
  ['a tool call running', message('tool', '', { toolCall: toolCall('running') }), false],
  ['a tool call waiting for approval', message('tool', '', { toolCall: toolCall('pending_approval', 'always') }), false],
  ['a tool call approved and done', message('tool', '', { toolCall: { ...toolCall('succeeded', 'always'), decidedBy: { id: 'op1', name: 'Alice' } } }), false],
  ['a tool call denied', message('tool', '', { toolCall: toolCall('denied', 'always') }), false],
  ['a tool call timed out', message('tool', '', { toolCall: toolCall('timed_out', 'always') }), false],
  ['a tool call that failed', message('tool', '', { toolCall: toolCall('failed') }), false],
];

const STAFF: Reader[] = ['operator', 'apiKey', 'staff'];

describe('messages by audience', () => {
  it.each(KINDS.map(([kind, m, visible]) => [kind, visible, m] as const))('%s — the customer sees it: %s', (_kind, visible, m) => {
    expect(customerMaySee(m)).toBe(visible);
    expect(viewOfMessage('customer', m)).toBe(visible ? m : null);
  });

  it.each(KINDS)('%s: staff (operators, API keys) see it whole', (_kind, m) => {
    for (const reader of STAFF) expect(viewOfMessage(reader, m)).toBe(m);
  });

  it('the history read for a customer asks for exactly the roles a customer may see; staff reads are unfiltered', () => {
    const roles = visibleRoles('customer');
    const allRoles: MessageRole[] = ['customer', 'agent', 'operator', 'whisper', 'context', 'system', 'tool'];
    expect([...(roles ?? [])].sort()).toEqual(allRoles.filter((role) => customerMaySee({ role })).sort());
    for (const reader of STAFF) expect(visibleRoles(reader)).toBeNull();
  });

  it('a stored message carries the plain-text `text` exactly when a customer may see it', () => {
    for (const [, m, visible] of KINDS) {
      const stored = { _id: new Types.ObjectId(m.id), sessionId: new Types.ObjectId(SESSION_ID), seq: m.seq, role: m.role, content: m.content, createdAt: new Date(m.createdAt) };
      const dto = toMessageDto(stored as Parameters<typeof toMessageDto>[0]);
      expect(dto.text !== undefined).toBe(visible);
    }
    const markdown = toMessageDto({ _id: new Types.ObjectId(), sessionId: new Types.ObjectId(SESSION_ID), seq: 1, role: 'agent', content: 'It ships **today**.', createdAt: new Date() } as Parameters<typeof toMessageDto>[0]);
    expect(markdown.text).toBe('It ships today.');
  });
});

const session: SessionDto = {
  id: SESSION_ID,
  agentId: new Types.ObjectId().toHexString(),
  customerId: 'cust-42',
  metadata: { plan: 'pro', internalNote: 'churn risk' },
  status: 'active',
  mode: 'support',
  helpRequested: true,
  helpRequestedAt: '2026-12-03T10:01:00.000Z',
  helpReason: 'Alice closed the console while the customer was waiting for a reply',
  assignedTo: new Types.ObjectId().toHexString(),
  currentState: 'refund',
  fields: { email: 'a@example.com' },
  fieldsComplete: false,
  createdAt: '2026-12-03T10:00:00.000Z',
  updatedAt: '2026-12-03T10:02:00.000Z',
  lastMessageAt: '2026-12-03T10:02:00.000Z',
  lastMessageFrom: 'customer',
  lastSeq: 7,
  closedAt: null,
  modeChangedAt: '2026-12-03T10:01:30.000Z',
  csat: { rating: 4, comment: 'slow but fine', at: '2026-12-03T10:03:00.000Z' },
  approvalPending: true,
  channel: 'web',
};

describe('sessions by audience', () => {
  it('the customer sees the state of their session and nothing the staff keep on it', () => {
    const view = viewOfSession('customer', session);
    expect(view).toEqual({ id: session.id, agentId: session.agentId, status: 'active', mode: 'support', helpRequested: true, lastSeq: 7, createdAt: session.createdAt, rated: true });
    const internal: (keyof SessionDto)[] = ['customerId', 'metadata', 'helpRequestedAt', 'helpReason', 'assignedTo', 'currentState', 'fields', 'fieldsComplete', 'updatedAt', 'lastMessageAt', 'lastMessageFrom', 'closedAt', 'modeChangedAt', 'csat', 'approvalPending', 'channel'];
    for (const key of internal) expect(view).not.toHaveProperty(key);
    // Nor any value of them, under another name.
    const text = JSON.stringify(view);
    for (const secret of ['churn risk', 'cust-42', 'a@example.com', 'slow but fine', 'closed the console', session.assignedTo as string]) expect(text).not.toContain(secret);
  });

  it('an unrated session reads `rated: false` to its customer', () => {
    expect(viewOfSession('customer', { ...session, csat: null }).rated).toBe(false);
  });

  it('staff see the whole session', () => {
    for (const reader of STAFF) expect(viewOfSession(reader, session)).toBe(session);
  });
});

describe('calls by audience', () => {
  const call: CallDto = { id: 'call1', sessionId: SESSION_ID, status: 'completed', phone: '+14155550123', reason: 'complex refund', summary: 'Refund agreed, VIP', error: 'first delivery timed out', createdAt: session.createdAt, updatedAt: session.updatedAt };

  it('the customer never gets the staff notes on a call (its summary, delivery errors)', () => {
    expect(viewOfCall('customer', call)).toEqual({ ...call, summary: null, error: null });
  });

  it('staff see the whole call', () => {
    for (const reader of STAFF) expect(viewOfCall(reader, call)).toBe(call);
  });
});
