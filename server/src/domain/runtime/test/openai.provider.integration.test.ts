import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sseChunk, startFakeLlm, type FakeLlm } from '../../../../test/support/fake-llm-server';
import type { LlmEvent, LlmProvider } from '../llm-provider';
import { createOpenAiProvider } from '../providers/openai.provider';
import { collect, failureOf, makeRequest, textOf } from './llm-test-helpers';

describe('openai provider against a real OpenAI-protocol server', () => {
  let llm: FakeLlm;
  let provider: LlmProvider;

  beforeAll(async () => {
    llm = await startFakeLlm({ recordTokenTimes: true });
    provider = createOpenAiProvider({ apiKey: 'sk-test', baseUrl: llm.url, maxRetries: 0 });
  });
  afterAll(() => llm.close());

  it('streams deltas in order as they are written, without buffering', async () => {
    llm.enqueue({ tokens: ['Hel', 'lo', ', ', 'wor', 'ld'], delayMs: 40 });
    const firstAt: bigint[] = [];
    const events: LlmEvent[] = [];
    const before = llm.tokenTimestamps.length;
    for await (const event of provider.stream(makeRequest())) {
      if (event.type === 'delta' && !firstAt.length) firstAt.push(process.hrtime.bigint());
      events.push(event);
    }
    expect(events.filter((e) => e.type === 'delta').map((e) => (e.type === 'delta' ? e.text : ''))).toEqual(['Hel', 'lo', ', ', 'wor', 'ld']);
    const lastWritten = llm.tokenTimestamps[before + 4];
    expect(firstAt[0]).toBeLessThan(lastWritten);
    expect(events.at(-1)).toEqual({ type: 'done', finishReason: 'stop', usage: { promptTokens: 10, completionTokens: 5 } });
  });

  it('sends messages, tools and stream_options the way OpenAI expects', async () => {
    const request = makeRequest({
      temperature: 0.2,
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: '', toolCalls: [{ id: 'call_1', name: 'lookup', arguments: '{"q":"x"}' }] },
        { role: 'tool', toolCallId: 'call_1', content: 'found' },
      ],
      tools: [{ name: 'request_human', description: 'Ask for a person', parameters: { type: 'object', properties: {} } }],
    });
    const count = llm.requests.length;
    await collect(provider.stream(request));
    const body = await llm.waitForRequest(count + 1);
    expect(body).toMatchObject({
      model: 'gpt-test',
      temperature: 0.2,
      stream: true,
      stream_options: { include_usage: true },
      tools: [{ type: 'function', function: { name: 'request_human', description: 'Ask for a person' } }],
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'lookup', arguments: '{"q":"x"}' } }] },
        { role: 'tool', tool_call_id: 'call_1', content: 'found' },
      ],
    });
  });

  it('assembles tool calls streamed in argument fragments', async () => {
    llm.enqueue({
      tokens: ['One moment.'],
      toolCalls: [
        { name: 'request_human', arguments: '{"reason":"customer asked for a person"}', id: 'call_a' },
        { name: 'lookup', arguments: '{"query":"refund policy"}' },
      ],
    });
    const events = await collect(provider.stream(makeRequest()));
    expect(textOf(events)).toBe('One moment.');
    expect(events.filter((e) => e.type === 'tool_call')).toEqual([
      { type: 'tool_call', call: { id: 'call_a', name: 'request_human', arguments: '{"reason":"customer asked for a person"}' } },
      { type: 'tool_call', call: { id: 'call_fake1', name: 'lookup', arguments: '{"query":"refund policy"}' } },
    ]);
    expect(events.at(-1)).toMatchObject({ type: 'done', finishReason: 'tool_calls' });
  });

  it.each([
    [{ status: 429, retryAfter: 2 }, 'rate_limited', 2000],
    [{ status: 429, retryAfterMs: 150 }, 'rate_limited', 150],
    [{ status: 500 }, 'server_error', undefined],
    [{ status: 503 }, 'server_error', undefined],
    [{ status: 400 }, 'bad_request', undefined],
    [{ status: 401 }, 'auth', undefined],
    [{ status: 403 }, 'auth', undefined],
  ] as const)('classifies HTTP %j as %s', async (script, kind, retryAfterMs) => {
    llm.enqueue(script);
    const error = await failureOf(provider.stream(makeRequest()));
    expect({ kind: error.kind, afterFirstToken: error.afterFirstToken, retryAfterMs: error.retryAfterMs }).toEqual({ kind, afterFirstToken: false, retryAfterMs });
  });

  it('reports a socket cut mid-stream as broken_stream after the first token', async () => {
    llm.enqueue({ tokens: ['a', 'b', 'c', 'd'], breakAfter: 2 });
    const seen: LlmEvent[] = [];
    const error = await failureOf(provider.stream(makeRequest()), seen);
    expect(textOf(seen)).toBe('ab');
    expect({ kind: error.kind, afterFirstToken: error.afterFirstToken }).toEqual({ kind: 'broken_stream', afterFirstToken: true });
  });

  it('reports a cut before any token as a retryable broken_stream', async () => {
    llm.enqueue({ tokens: ['a'], breakAfter: 0 });
    const error = await failureOf(provider.stream(makeRequest()));
    expect({ kind: error.kind, afterFirstToken: error.afterFirstToken }).toEqual({ kind: 'broken_stream', afterFirstToken: false });
  });

  it('treats a stream that ends without finish_reason as broken', async () => {
    llm.enqueue({ tokens: ['half an'], omitFinishReason: true });
    const error = await failureOf(provider.stream(makeRequest()));
    expect({ kind: error.kind, afterFirstToken: error.afterFirstToken }).toEqual({ kind: 'broken_stream', afterFirstToken: true });
  });

  it('asks again without stream_options a server that refuses them (xAI, older Azure), and from then on', async () => {
    const strict = await startFakeLlm();
    try {
      // As Azure answers: 400 invalid_request_error naming the argument.
      strict.setResponder((body) =>
        body.stream_options ? { status: 400, errorMessage: 'Unrecognized request argument supplied: stream_options' } : { tokens: ['fine'] },
      );
      const picky = createOpenAiProvider({ apiKey: 'sk-test', baseUrl: strict.url, maxRetries: 0 });
      expect(textOf(await collect(picky.stream(makeRequest())))).toBe('fine');
      expect(textOf(await collect(picky.stream(makeRequest())))).toBe('fine');
      // Refused once, then asked without it, here and for the next reply.
      expect(strict.requests.map((r) => r.stream_options !== undefined)).toEqual([true, false, false]);
      // Another 400 is still the caller's error, not retried.
      strict.setResponder(() => ({ status: 400, errorMessage: 'messages: too long' }));
      expect((await failureOf(picky.stream(makeRequest()))).kind).toBe('bad_request');
      expect(strict.requests).toHaveLength(4);
    } finally {
      await strict.close();
    }
  });

  it('reports an unreachable server as network', async () => {
    const closed = await startFakeLlm();
    await closed.close();
    const offline = createOpenAiProvider({ apiKey: 'sk-test', baseUrl: closed.url, maxRetries: 0 });
    const error = await failureOf(offline.stream(makeRequest()));
    expect(error.kind).toBe('network');
  });

  it('stops the HTTP request when the signal aborts mid-stream', async () => {
    llm.enqueue({ tokens: ['a', 'b', 'c', 'd', 'e', 'f'], delayMs: 30 });
    const controller = new AbortController();
    const abortedBefore = llm.aborted;
    const seen: LlmEvent[] = [];
    const stream = provider.stream(makeRequest({ signal: controller.signal }));
    const failure = failureOf(
      (async function* () {
        for await (const event of stream) {
          yield event;
          if (event.type === 'delta') controller.abort();
        }
      })(),
      seen,
    );
    const error = await failure;
    expect({ kind: error.kind, afterFirstToken: error.afterFirstToken }).toEqual({ kind: 'aborted', afterFirstToken: true });
    await llm.waitForAbort(abortedBefore + 1);
    expect(llm.openStreams).toBe(0);
  });

  describe('reading the event stream off the wire', () => {
    const event = (data: string, eol = '\n') => `data: ${data}${eol}${eol}`;

    it('joins events split across reads, even inside a character, with CRLF line endings and comments', async () => {
      const text = event(sseChunk({ content: 'Grüße ' }), '\r\n') + ': keep-alive\r\n\r\n' + event(sseChunk({ content: 'à tous 👋' }), '\r\n');
      const bytes = Buffer.from(text);
      const insideUmlaut = bytes.indexOf(Buffer.from('ü')) + 1;
      const insideEmoji = bytes.indexOf(Buffer.from('👋')) + 2;
      const pieces = [bytes.subarray(0, insideUmlaut), bytes.subarray(insideUmlaut, insideEmoji), bytes.subarray(insideEmoji)];
      llm.enqueue({ wire: [...pieces, event(sseChunk({}, 'stop')), event('[DONE]')] });
      const events = await collect(provider.stream(makeRequest()));
      expect(textOf(events)).toBe('Grüße à tous 👋');
      expect(events.at(-1)).toMatchObject({ type: 'done', finishReason: 'stop' });
    });

    it('hands on every event of a read, in order, and ignores what follows [DONE]', async () => {
      const all = ['a', 'b', 'c'].map((t) => event(sseChunk({ content: t }))).join('') + event(sseChunk({}, 'stop')) + event('[DONE]') + event(sseChunk({ content: 'late' }));
      llm.enqueue({ wire: [all] });
      const events = await collect(provider.stream(makeRequest()));
      expect(events.filter((e) => e.type === 'delta').map((e) => (e.type === 'delta' ? e.text : ''))).toEqual(['a', 'b', 'c']);
      expect(events.at(-1)).toMatchObject({ type: 'done', finishReason: 'stop' });
    });

    it('reads chunks without choices (usage-only or keep-alive chunks some servers send) and takes their usage', async () => {
      const usage = { prompt_tokens: 7, completion_tokens: 2, total_tokens: 9 };
      const bare = (extra: object) => event(JSON.stringify({ id: 'x', object: 'chat.completion.chunk', created: 0, model: 'wire', ...extra }));
      llm.enqueue({ wire: [bare({}), event(sseChunk({ content: 'hi' })), bare({ choices: null }), event(sseChunk({}, 'stop')), bare({ usage }), event('[DONE]')] });
      const events = await collect(provider.stream(makeRequest()));
      expect(textOf(events)).toBe('hi');
      expect(events.at(-1)).toEqual({ type: 'done', finishReason: 'stop', usage: { promptTokens: 7, completionTokens: 2 } });
    });

    it('keeps tool calls apart when the server sends them without an index (Gemini, older Ollama)', async () => {
      const calls = (toolCalls: object[], finish: string | null = null) =>
        event(JSON.stringify({ id: 'x', object: 'chat.completion.chunk', created: 0, model: 'wire', choices: [{ index: 0, delta: { tool_calls: toolCalls }, finish_reason: finish }] }));
      llm.enqueue({
        wire: [
          calls([{ id: 'call_a', type: 'function', function: { name: 'lookup', arguments: '{"query":' } }]),
          calls([{ function: { arguments: '"refunds"}' } }]),
          calls([
            { id: 'call_b', type: 'function', function: { name: 'request_human', arguments: '{"reason":"asked"}' } },
            { id: 'call_c', type: 'function', function: { name: 'lookup', arguments: '{"query":"hours"}' } },
          ]),
          calls([], 'tool_calls'),
          event('[DONE]'),
        ],
      });
      const events = await collect(provider.stream(makeRequest()));
      expect(events.filter((e) => e.type === 'tool_call')).toEqual([
        { type: 'tool_call', call: { id: 'call_a', name: 'lookup', arguments: '{"query":"refunds"}' } },
        { type: 'tool_call', call: { id: 'call_b', name: 'request_human', arguments: '{"reason":"asked"}' } },
        { type: 'tool_call', call: { id: 'call_c', name: 'lookup', arguments: '{"query":"hours"}' } },
      ]);
    });

    it('never relays a <think> block that opens the content (DeepSeek-R1 without a reasoning parser)', async () => {
      const pieces = ['<think>', 'The user asks about', ' refunds.</thi', 'nk>\n\n', 'Refunds take', ' 5 days.'];
      llm.enqueue({ wire: [...pieces.map((content) => event(sseChunk({ content }))), event(sseChunk({}, 'stop')), event('[DONE]')] });
      const events = await collect(provider.stream(makeRequest()));
      expect(events.filter((e) => e.type === 'delta')).toEqual([
        { type: 'delta', text: 'Refunds take' },
        { type: 'delta', text: ' 5 days.' },
      ]);
    });

    it('fails with server_error on an error object in the stream, after the text before it', async () => {
      const error = { message: 'upstream overloaded', type: 'server_error' };
      llm.enqueue({ wire: [event(sseChunk({ content: 'Hel' })) + event(JSON.stringify({ error })) + event(sseChunk({ content: 'lo' }))] });
      const seen: LlmEvent[] = [];
      const failure = await failureOf(provider.stream(makeRequest()), seen);
      expect(textOf(seen)).toBe('Hel');
      expect({ kind: failure.kind, afterFirstToken: failure.afterFirstToken, message: failure.message }).toEqual({ kind: 'server_error', afterFirstToken: true, message: 'upstream overloaded' });
    });

    it('fails with broken_stream on data that is not JSON', async () => {
      llm.enqueue({ wire: [event(sseChunk({ content: 'ok' })), event('{"choices": [')] });
      const seen: LlmEvent[] = [];
      const failure = await failureOf(provider.stream(makeRequest()), seen);
      expect(textOf(seen)).toBe('ok');
      expect({ kind: failure.kind, afterFirstToken: failure.afterFirstToken }).toEqual({ kind: 'broken_stream', afterFirstToken: true });
    });
  });
});
