import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import OpenAI from 'openai';
import { startFakeLlm, type FakeLlm } from '../../../../test/support/fake-llm-server';

// The fake server is only useful if it speaks what api.openai.com speaks; these pin the wire.
describe('fake LLM server wire format', () => {
  let llm: FakeLlm;
  let client: OpenAI;
  beforeAll(async () => {
    llm = await startFakeLlm();
    client = new OpenAI({ apiKey: 'sk-test', baseURL: llm.url, maxRetries: 0 });
  });
  afterAll(() => llm.close());

  it('streams SSE chunks ending in a usage chunk and [DONE]', async () => {
    llm.enqueue({ tokens: ['Hi'] });
    const res = await fetch(`${llm.url}/chat/completions`, {
      method: 'POST',
      body: JSON.stringify({ model: 'm', stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'x' }] }),
    });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const events = (await res.text()).split('\n\n').filter(Boolean);
    expect(events.at(-1)).toBe('data: [DONE]');
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e.replace(/^data: /, '')));
    expect(chunks.map((c) => c.choices[0]?.delta ?? null)).toEqual([{ role: 'assistant', content: '' }, { content: 'Hi' }, {}, null]);
    expect(chunks[2]).toMatchObject({ object: 'chat.completion.chunk', model: 'm', usage: null, choices: [{ index: 0, finish_reason: 'stop' }] });
    expect(chunks[3]).toMatchObject({ choices: [], usage: { prompt_tokens: 10, completion_tokens: 1, total_tokens: 11 } });
  });

  it('answers non-streaming requests with a chat.completion', async () => {
    llm.enqueue({ toolCalls: [{ name: 'request_human', arguments: '{"reason":"x"}' }] });
    const completion = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }] });
    expect(completion.choices[0]).toMatchObject({
      finish_reason: 'tool_calls',
      message: { content: null, tool_calls: [{ type: 'function', function: { name: 'request_human', arguments: '{"reason":"x"}' } }] },
    });
  });

  it('echoes the last user message by default and lets a test replace the responder', async () => {
    const echo = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'ping' }] });
    expect(echo.choices[0].message.content).toBe('Echo: ping');
    llm.setResponder(() => ({ tokens: ['custom'] }));
    const custom = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'ping' }] });
    expect(custom.choices[0].message.content).toBe('custom');
  });

  it('applies tokenTransform and records when each token was written', async () => {
    const timed = await startFakeLlm({ recordTokenTimes: true, tokenTransform: (t) => `t:1|${t}` });
    const timedClient = new OpenAI({ apiKey: 'sk-test', baseURL: timed.url, maxRetries: 0 });
    timed.enqueue({ tokens: ['a', 'b'] });
    const stream = await timedClient.chat.completions.create({ model: 'm', stream: true, messages: [{ role: 'user', content: 'x' }] });
    const texts: string[] = [];
    for await (const chunk of stream) if (chunk.choices[0]?.delta.content) texts.push(chunk.choices[0].delta.content);
    expect(texts).toEqual(['t:1|a', 't:1|b']);
    expect(timed.tokenTimestamps).toHaveLength(2);
    await timed.close();
  });
});
