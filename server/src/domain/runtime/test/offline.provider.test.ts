import { describe, expect, it } from '@jest/globals';
import type { LlmTool } from '../llm-provider';
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

  it('stops with aborted when the signal fires mid-reply', async () => {
    const slow = createOfflineProvider({ wordDelayMs: 20 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await failureOf(slow.stream(makeRequest({ messages: ask('hello'), signal: controller.signal })));
    expect({ kind: error.kind, afterFirstToken: error.afterFirstToken }).toEqual({ kind: 'aborted', afterFirstToken: true });
  });
});
