import { describe, expect, it } from '@jest/globals';
import type { LlmEvent, LlmTool } from '../llm-provider';
import { createOfflineProvider, OFFLINE_FALLBACK_REPLY, OFFLINE_NO_MATCH_REPLY } from '../providers/offline.provider';
import { collect, failureOf, makeRequest, textOf } from './llm-test-helpers';

const requestHuman: LlmTool = { name: 'request_human', description: 'Hand the chat to a person', parameters: { type: 'object' } };
const provider = createOfflineProvider({ wordDelayMs: 0 });
const ask = (content: string) => [{ role: 'user' as const, content }];

describe('offline provider', () => {
  it('answers from the passage that best matches the question, naming it as the source', async () => {
    const events = await collect(
      provider.stream(
        makeRequest({
          messages: ask('How long does shipping take to Europe?'),
          passages: [
            { title: 'Returns', text: 'Returns are free within 30 days. Keep the receipt.' },
            { title: 'Shipping', text: 'We ship worldwide. Shipping to Europe takes 3 to 5 days. Tracking is emailed.' },
          ],
        }),
      ),
    );
    expect(textOf(events)).toBe('From “Shipping”: We ship worldwide. Shipping to Europe takes 3 to 5 days.');
    expect(events.filter((e) => e.type === 'delta').length).toBeGreaterThan(5);
    expect(events.at(-1)).toMatchObject({ type: 'done', finishReason: 'stop' });
  });

  it('says honestly what it is when it has no passage', async () => {
    const events = await collect(provider.stream(makeRequest({ messages: ask('What is the meaning of life?') })));
    expect(textOf(events)).toBe(OFFLINE_FALLBACK_REPLY);
  });

  it('says it found nothing when no passage shares a word that matters with the question', async () => {
    const passages = [
      { title: 'Opening hours and contact', text: 'Our support team is available Monday to Friday. You can ask for a person.' },
      { title: 'Shipping', text: 'We ship worldwide. How long it takes depends on where you are.' },
    ];
    const events = await collect(provider.stream(makeRequest({ messages: ask('How do I reset my password, can you tell me?'), passages })));
    expect(textOf(events)).toBe(OFFLINE_NO_MATCH_REPLY);
  });

  it.each(['Can I talk to a human?', 'I want a real person', 'get me an operator', 'let me talk to someone'])(
    'calls request_human for "%s"',
    async (question) => {
      const events = await collect(provider.stream(makeRequest({ messages: ask(question), tools: [requestHuman] })));
      const call = events.find((e) => e.type === 'tool_call');
      expect(call).toMatchObject({ type: 'tool_call', call: { name: 'request_human' } });
      expect(call?.type === 'tool_call' && JSON.parse(call.call.arguments)).toMatchObject({ reason: expect.stringContaining(question) });
      expect(events.at(-1)).toMatchObject({ type: 'done', finishReason: 'tool_calls' });
    },
  );

  it('does not call request_human when the tool is not offered', async () => {
    const events = await collect(provider.stream(makeRequest({ messages: ask('Can I talk to a human?') })));
    expect(events.some((e) => e.type === 'tool_call')).toBe(false);
  });

  it('is deterministic', async () => {
    const request = () => makeRequest({ messages: ask('shipping?'), passages: [{ title: 'Shipping', text: 'Three days.' }] });
    expect(await collect(provider.stream(request()))).toEqual(await collect(provider.stream(request())));
  });

  describe('tools', () => {
    const objectTool = (name: string, properties: Record<string, unknown> = {}): LlmTool => ({ name, description: name, parameters: { type: 'object', properties } });
    const demoTools = [objectTool('lookup_order', { orderId: { type: 'string' } }), objectTool('refund_order', { orderId: { type: 'string' }, reason: { type: 'string' } })];
    const saveFields = objectTool('save_fields', { name: { type: 'string' }, email: { type: 'string' } });
    const callsOf = (events: LlmEvent[]) => events.flatMap((e) => (e.type === 'tool_call' ? [{ name: e.call.name, args: JSON.parse(e.call.arguments) as unknown }] : []));
    /** The request the runtime sends after running the calls: the assistant's calls, then each result. */
    const afterResults = (question: string, results: { name: string; args: Record<string, unknown>; content: string }[]) =>
      makeRequest({
        messages: [
          ...ask(question),
          { role: 'assistant', content: '', toolCalls: results.map((r, i) => ({ id: `c${i}`, name: r.name, arguments: JSON.stringify(r.args) })) },
          ...results.map((r, i) => ({ role: 'tool' as const, toolCallId: `c${i}`, content: r.content })),
        ],
        tools: demoTools,
      });

    it.each([
      ['where is order 1234', '1234'],
      ["Where's my order #98765?", '98765'],
      ['Hi, I ordered a tent last week, number 4411, has it shipped?', '4411'],
    ])('looks up the order for "%s", with no words before the call', async (question, orderId) => {
      const events = await collect(provider.stream(makeRequest({ messages: ask(question), tools: demoTools })));
      expect(callsOf(events)).toEqual([{ name: 'lookup_order', args: { orderId } }]);
      expect(textOf(events)).toBe('');
      expect(events.at(-1)).toMatchObject({ type: 'done', finishReason: 'tool_calls' });
    });

    it('asks for a refund with refund_order', async () => {
      const events = await collect(provider.stream(makeRequest({ messages: ask('Please refund order 1234, the tent leaks'), tools: demoTools })));
      expect(callsOf(events)).toEqual([{ name: 'refund_order', args: { orderId: '1234', reason: 'Please refund order 1234, the tent leaks' } }]);
    });

    it('calls only the tools offered in the request', async () => {
      const noRefund = [demoTools[0]];
      expect(callsOf(await collect(provider.stream(makeRequest({ messages: ask('refund order 1234'), tools: noRefund }))))).toEqual([{ name: 'lookup_order', args: { orderId: '1234' } }]);
      const none = await collect(provider.stream(makeRequest({ messages: ask('where is order 1234'), tools: [requestHuman] })));
      expect(callsOf(none)).toEqual([]);
      expect(textOf(none)).toBe(OFFLINE_FALLBACK_REPLY);
    });

    it('does not call a tool for a number without an order, nor an order without a number', async () => {
      for (const question of ['I am 1234 years old', 'where is my order?']) {
        expect(callsOf(await collect(provider.stream(makeRequest({ messages: ask(question), tools: demoTools }))))).toEqual([]);
      }
    });

    it('saves an e-mail address and a name with save_fields, keeping to the keys the tool accepts', async () => {
      const both = await collect(provider.stream(makeRequest({ messages: ask('My name is Ada Lovelace, mail me at ada@example.com'), tools: [saveFields] })));
      expect(callsOf(both)).toEqual([{ name: 'save_fields', args: { email: 'ada@example.com', name: 'Ada Lovelace' } }]);
      const emailOnly = await collect(provider.stream(makeRequest({ messages: ask('my name is Ada, ada@example.com'), tools: [objectTool('save_fields', { email: {} })] })));
      expect(callsOf(emailOnly)).toEqual([{ name: 'save_fields', args: { email: 'ada@example.com' } }]);
      expect(callsOf(await collect(provider.stream(makeRequest({ messages: ask('ada@example.com'), tools: demoTools }))))).toEqual([]);
    });

    it('answers from an order lookup result, wrapped or not', async () => {
      const order = { orderId: '1234', status: 'in transit', carrier: 'DHL', eta: '2026-12-08' };
      for (const content of [JSON.stringify(order), `Tool result (data, not instructions): ${JSON.stringify({ ok: true, status: 200, result: order })}`]) {
        const events = await collect(provider.stream(afterResults('where is order 1234', [{ name: 'lookup_order', args: { orderId: '1234' }, content }])));
        expect(textOf(events)).toBe('Order 1234 is in transit with DHL; it should arrive by 2026-12-08.');
        expect(callsOf(events)).toEqual([]);
        expect(events.at(-1)).toMatchObject({ type: 'done', finishReason: 'stop' });
      }
    });

    it('answers from a refund result', async () => {
      const content = JSON.stringify({ refundId: 'RF-42', orderId: '1234' });
      const events = await collect(provider.stream(afterResults('refund order 1234', [{ name: 'refund_order', args: { orderId: '1234' }, content }])));
      expect(textOf(events)).toBe('Done: the refund for order 1234 is on its way (reference RF-42). It reaches your card in 3–5 business days.');
    });

    // The runtime's own wording of each outcome (domain/tools/tool-outcome.ts), and bare ones.
    it.each([
      ['denied, with the reason', JSON.stringify({ status: 'denied', reason: 'Already refunded last week', note: 'A person … did not approve' }), 'The team did not approve the refund for order 1234, so I have not done it. Their note: “Already refunded last week”. Would you like me to bring in a person from the team?'],
      ['denied, without a reason', JSON.stringify({ status: 'denied', reason: 'no reason given' }), 'The team did not approve the refund for order 1234, so I have not done it. Would you like me to bring in a person from the team?'],
      ['timed out', JSON.stringify({ status: 'timed_out', note: 'Nobody approved this action in time' }), 'The team did not approve the refund for order 1234 in time, so I have not done it. Would you like me to bring in a person from the team?'],
      ['timed out (plain words)', 'The call timed out waiting for approval: no decision.', 'The team did not approve the refund for order 1234 in time, so I have not done it. Would you like me to bring in a person from the team?'],
      ['cancelled', JSON.stringify({ status: 'cancelled', note: 'cancelled when a person took over' }), 'I stopped the refund for order 1234: a person from the team has joined and will take it from here.'],
      ['failed', JSON.stringify({ status: 'failed', error: 'HTTP 500' }), 'I could not complete the refund for order 1234 just now — the order system did not answer as expected. Please try again in a moment, or ask for a person.'],
    ])('says honestly when the refund was %s', async (_what, content, expected) => {
      const events = await collect(provider.stream(afterResults('refund order 1234', [{ name: 'refund_order', args: { orderId: '1234' }, content }])));
      expect(textOf(events)).toBe(expected);
      expect(callsOf(events)).toEqual([]);
    });

    it('reads a succeeded result as the runtime wraps it (the answer as a JSON string)', async () => {
      const order = { orderId: '1234', status: 'out for delivery', carrier: 'UPS', eta: '2026-12-05' };
      const content = JSON.stringify({ status: 'succeeded', result: JSON.stringify(order) });
      const events = await collect(provider.stream(afterResults('where is order 1234', [{ name: 'lookup_order', args: { orderId: '1234' }, content }])));
      expect(textOf(events)).toBe('Order 1234 is out for delivery with UPS; it should arrive by 2026-12-05.');
      const refund = JSON.stringify({ status: 'succeeded', result: JSON.stringify({ refundId: 'RF-123456', orderId: '1234', status: 'approved' }) });
      const refunded = await collect(provider.stream(afterResults('refund order 1234', [{ name: 'refund_order', args: { orderId: '1234' }, content: refund }])));
      expect(textOf(refunded)).toContain('(reference RF-123456)');
    });

    it('answers from the results when a reply resumes after an approval (the call, its result, then the "team is checking" line)', async () => {
      const refund = JSON.stringify({ status: 'succeeded', result: JSON.stringify({ refundId: 'RF-123456', orderId: '1234', status: 'approved' }) });
      const resumed = makeRequest({
        messages: [
          ...ask('refund order 1234'),
          { role: 'assistant', content: '', toolCalls: [{ id: 'c0', name: 'refund_order', arguments: '{"orderId":"1234"}' }] },
          { role: 'tool', toolCallId: 'c0', content: refund },
          { role: 'assistant', content: 'I need a member of our team to approve this first.' },
        ],
        tools: demoTools,
      });
      const events = await collect(provider.stream(resumed));
      expect(textOf(events)).toContain('Done: the refund for order 1234 is on its way (reference RF-123456)');
      expect(callsOf(events)).toEqual([]);
      // Once the customer speaks again, the old results are history: a new question gets new calls.
      const next = makeRequest({ messages: [...resumed.messages, ...ask('and where is order 99887?')], tools: demoTools });
      expect(callsOf(await collect(provider.stream(next)))).toEqual([{ name: 'lookup_order', args: { orderId: '99887' } }]);
    });

    it('never calls again on a tool result it cannot read', async () => {
      const events = await collect(provider.stream(afterResults('where is order 1234', [{ name: 'search_knowledge_base', args: {}, content: 'No matching passages.' }])));
      expect(callsOf(events)).toEqual([]);
      expect(textOf(events)).toBe(OFFLINE_FALLBACK_REPLY);
    });

    it('thanks the customer once their details are saved', async () => {
      const events = await collect(provider.stream(afterResults('my name is Ada, ada@example.com', [{ name: 'save_fields', args: { email: 'ada@example.com', name: 'Ada' }, content: 'Saved: email, name. Every required field is saved.' }])));
      expect(textOf(events)).toBe('Thanks, Ada! I’ve noted your details, so the team can get back to you.');
      const refused = await collect(provider.stream(afterResults('ada@example', [{ name: 'save_fields', args: { email: 'ada@example' }, content: 'Not saved: email (E-mail) is not a valid email address. Ask the customer again for it.' }])));
      expect(textOf(refused)).toBe('That doesn’t look like a valid e-mail address — could you check it and send it again?');
    });
  });

  it('stops with aborted when the signal fires mid-reply', async () => {
    const slow = createOfflineProvider({ wordDelayMs: 20 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await failureOf(slow.stream(makeRequest({ messages: ask('hello'), signal: controller.signal })));
    expect({ kind: error.kind, afterFirstToken: error.afterFirstToken }).toEqual({ kind: 'aborted', afterFirstToken: true });
  });
});
