/** The support commands' pure rules: who wins a takeover, when release owes the customer a reply, what the AI is told on release. */
import type { MessageDto, MessageRole } from '../../../../../shared/src/contract/types';
import { AppError } from '../../app-error';
import { customerUnanswered, refusedTakeover } from '../support-rules';
import { summariseSupportSpell } from '../support-summary';

const alice = { id: 'op-alice', isOperator: true };
const bob = { id: 'op-bob', isOperator: true };
const apiKey = { id: 'key-1', isOperator: false };

const code = (r: 'repeated' | AppError): string => (r instanceof AppError ? r.code : r);

describe('a takeover that did not take', () => {
  it('on a closed session: session_closed, whoever asks', () => {
    for (const actor of [alice, bob, apiKey]) expect(code(refusedTakeover({ status: 'closed', mode: 'support', assignedTo: alice.id }, actor))).toBe('session_closed');
    expect(code(refusedTakeover({ status: 'closed', mode: 'ai', assignedTo: null }, alice))).toBe('session_closed');
  });

  it('by the operator who already holds it: answered as done (a double click, a retry after a lost ack)', () => {
    expect(refusedTakeover({ status: 'active', mode: 'support', assignedTo: alice.id }, alice)).toBe('repeated');
    expect(refusedTakeover({ status: 'dormant', mode: 'support', assignedTo: alice.id }, alice)).toBe('repeated');
  });

  it('by anyone else: already_in_support — another operator, or an API key (which owns no session)', () => {
    expect(code(refusedTakeover({ status: 'active', mode: 'support', assignedTo: alice.id }, bob))).toBe('already_in_support');
    expect(code(refusedTakeover({ status: 'active', mode: 'support', assignedTo: null }, apiKey))).toBe('already_in_support');
    // An API key's id that happens to equal the holder's is still not the holder.
    expect(code(refusedTakeover({ status: 'active', mode: 'support', assignedTo: apiKey.id }, apiKey))).toBe('already_in_support');
  });
});

const spell = (...roles: MessageRole[]): Pick<MessageDto, 'role'>[] => roles.map((role) => ({ role }));

describe('release owes the customer a reply when they spoke last', () => {
  it.each([
    [spell('customer'), true],
    [spell('operator', 'customer'), true],
    [spell('customer', 'system', 'whisper', 'context', 'tool'), true],
    [spell('customer', 'operator'), false],
    [spell('customer', 'agent'), false],
    [spell('system'), false],
    [spell(), false],
  ])('%j → %s', (messages, owed) => {
    expect(customerUnanswered(messages)).toBe(owed);
  });
});

describe('what the AI is told on release', () => {
  const m = (role: MessageRole, content: string, author?: string): MessageDto => ({ id: content, sessionId: 's', seq: 1, role, content, createdAt: '2026-12-03T10:00:00.000Z', ...(author ? { author: { id: 'op', name: author } } : {}) });

  it('the customer and the people who answered, in order; not whispers, context, notices or tool calls', () => {
    const text = summariseSupportSpell([m('customer', 'Where is my refund?'), m('whisper', 'check the CRM', 'Alice'), m('system', 'Alice joined the chat'), m('operator', 'It went out today.', 'Alice'), m('context', 'CRM: VIP'), m('tool', '')], 'Alice');
    expect(text).toContain('Alice has now handed it back to you');
    expect(text).toContain('Customer: Where is my refund?\nAlice: It went out today.');
    for (const hidden of ['check the CRM', 'joined the chat', 'CRM: VIP']) expect(text).not.toContain(hidden);
  });

  it('says so when nothing was said, and stays within its size', () => {
    expect(summariseSupportSpell([], 'Bob')).toContain('(no messages were exchanged)');
    const long = summariseSupportSpell([m('customer', 'x'.repeat(5000))], 'Bob');
    expect(long.length).toBe(2001);
    expect(long.endsWith('…')).toBe(true);
  });
});
