import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { sseChunk, startFakeLlm, type FakeLlm } from '../../../../test/support/fake-llm-server';
import type { LlmEvent, LlmProvider } from '../llm-provider';
import { createOpenAiProvider } from '../providers/openai.provider';
import { resilientStream, type ResilientStreamOptions } from '../resilient-stream';
import { collect, failureOf, makeRequest, textOf } from './llm-test-helpers';

describe('resilientStream over the openai provider and a real fake server', () => {
  let llm: FakeLlm;
  let provider: LlmProvider;
  let waits: number[];
  // Records the backoff it was asked for instead of waiting, so the suite stays fast.
  const fast = (extra: ResilientStreamOptions = {}): ResilientStreamOptions => ({
    sleep: async (ms) => void waits.push(ms),
    random: () => 0,
    firstTokenTimeoutMs: 300,
    idleTimeoutMs: 300,
    ...extra,
  });

  beforeEach(async () => {
    llm = await startFakeLlm();
    provider = createOpenAiProvider({ apiKey: 'sk-test', baseUrl: llm.url, maxRetries: 0 });
    waits = [];
  });
  afterEach(() => llm.close());

  it('retries a 429 after the Retry-After the server asked for', async () => {
    llm.enqueue({ status: 429, retryAfter: 1 }, { tokens: ['fine ', 'now'] });
    const events = await collect(resilientStream(provider, makeRequest(), fast()));
    expect(textOf(events)).toBe('fine now');
    expect(llm.requests).toHaveLength(2);
    expect(waits).toEqual([1000]);
  });

  it('retries 5xx with exponential backoff', async () => {
    llm.enqueue({ status: 500 }, { status: 502 }, { status: 503 }, { tokens: ['ok'] });
    const events = await collect(resilientStream(provider, makeRequest(), fast()));
    expect(textOf(events)).toBe('ok');
    expect(llm.requests).toHaveLength(4);
    expect(waits).toEqual([125, 250, 500]);
  });

  it('gives up after maxRetries with the last error', async () => {
    llm.enqueue({ status: 500 }, { status: 500 }, { status: 500 });
    const error = await failureOf(resilientStream(provider, makeRequest(), fast({ maxRetries: 2 })));
    expect(error.kind).toBe('server_error');
    expect(llm.requests).toHaveLength(3);
  });

  it('does not retry a 400', async () => {
    llm.enqueue({ status: 400, errorMessage: 'bad tool schema' }, { tokens: ['never'] });
    const error = await failureOf(resilientStream(provider, makeRequest(), fast()));
    expect(error.kind).toBe('bad_request');
    expect(llm.requests).toHaveLength(1);
  });

  it('does not wait out a Retry-After longer than maxRetryAfterMs', async () => {
    llm.enqueue({ status: 429, retryAfter: 60 });
    const error = await failureOf(resilientStream(provider, makeRequest(), fast()));
    expect({ kind: error.kind, retryAfterMs: error.retryAfterMs }).toEqual({ kind: 'rate_limited', retryAfterMs: 60_000 });
    expect(llm.requests).toHaveLength(1);
  });

  it('times out a model silent before its first token, cancels the request, and retries', async () => {
    llm.enqueue({ stallBeforeFirstToken: true }, { tokens: ['second ', 'try'] });
    const events = await collect(resilientStream(provider, makeRequest(), fast({ firstTokenTimeoutMs: 150 })));
    expect(textOf(events)).toBe('second try');
    await llm.waitForAbort(1);
    expect(llm.requests).toHaveLength(2);
  });

  it('waits for a reasoning model that streams its reasoning for longer than the first-token timeout', async () => {
    const event = (data: string) => `data: ${data}\n\n`;
    // DeepSeek/vLLM send `reasoning_content`, Ollama and OpenRouter `reasoning`; neither is shown.
    const thoughts = ['reasoning_content', 'reasoning', 'reasoning_content', 'reasoning', 'reasoning_content', 'reasoning'].map((key) =>
      event(sseChunk({ [key]: 'hmm… ' } as object)),
    );
    // 100 ms apart: 600 ms of reasoning against a 300 ms first-token timeout.
    llm.enqueue({ wire: [...thoughts, event(sseChunk({ content: 'Answer.' })), event(sseChunk({}, 'stop')), event('[DONE]')], delayMs: 100 });
    const events = await collect(resilientStream(provider, makeRequest(), fast()));
    expect(events.map((e) => e.type)).toEqual(['delta', 'done']);
    expect(textOf(events)).toBe('Answer.');
    expect(llm.requests).toHaveLength(1);
  });

  it('waits for a tool call whose arguments stream for longer than the idle timeout', async () => {
    const event = (data: string) => `data: ${data}\n\n`;
    const fragment = (args: string, first: boolean) =>
      event(sseChunk({ tool_calls: [{ index: 0, ...(first ? { id: 'call_1', type: 'function' as const } : {}), function: { ...(first ? { name: 'lookup' } : {}), arguments: args } }] }));
    const pieces = ['{"query":', '"a', ' very', ' long', ' question', '"}'].map((args, i) => fragment(args, i === 0));
    // 100 ms apart after the first text: 600 ms of arguments against a 300 ms idle timeout.
    llm.enqueue({ wire: [event(sseChunk({ content: 'Let me check. ' })), ...pieces, event(sseChunk({}, 'tool_calls')), event('[DONE]')], delayMs: 100 });
    const events = await collect(resilientStream(provider, makeRequest(), fast()));
    expect(events).toEqual([
      { type: 'delta', text: 'Let me check. ' },
      { type: 'tool_call', call: { id: 'call_1', name: 'lookup', arguments: '{"query":"a very long question"}' } },
      { type: 'done', finishReason: 'tool_calls', usage: undefined },
    ]);
  });

  it('raises timeout with afterFirstToken when a stream goes silent mid-reply, without retrying', async () => {
    llm.enqueue({ tokens: ['one ', 'two ', 'three'], stallAfter: 2 });
    const seen: LlmEvent[] = [];
    const started = Date.now();
    const error = await failureOf(resilientStream(provider, makeRequest(), fast({ idleTimeoutMs: 150 })), seen);
    expect({ kind: error.kind, afterFirstToken: error.afterFirstToken }).toEqual({ kind: 'timeout', afterFirstToken: true });
    expect(textOf(seen)).toBe('one two ');
    // Cut by the 150 ms idle timeout, not the 20 s default (loose: CI machines are busy).
    expect(Date.now() - started).toBeLessThan(5000);
    await llm.waitForAbort(1);
    expect(llm.openStreams).toBe(0);
    expect(llm.requests).toHaveLength(1);
  });

  it('does not retry a stream broken after the first token', async () => {
    llm.enqueue({ tokens: ['a', 'b', 'c'], breakAfter: 1 }, { tokens: ['never'] });
    const error = await failureOf(resilientStream(provider, makeRequest(), fast()));
    expect({ kind: error.kind, afterFirstToken: error.afterFirstToken }).toEqual({ kind: 'broken_stream', afterFirstToken: true });
    expect(llm.requests).toHaveLength(1);
  });

  it('retries a stream broken before the first token', async () => {
    llm.enqueue({ tokens: ['a'], breakAfter: 0 }, { tokens: ['whole'] });
    const events = await collect(resilientStream(provider, makeRequest(), fast()));
    expect(textOf(events)).toBe('whole');
    expect(llm.requests).toHaveLength(2);
  });

  it('ends at once on abort mid-stream and the server sees the disconnect', async () => {
    llm.enqueue({ tokens: Array.from({ length: 50 }, (_, i) => `t${i} `), delayMs: 20 });
    const controller = new AbortController();
    const seen: LlmEvent[] = [];
    const stream = resilientStream(provider, makeRequest({ signal: controller.signal }), fast());
    setTimeout(() => controller.abort(), 120);
    const error = await failureOf(stream, seen);
    expect({ kind: error.kind, afterFirstToken: error.afterFirstToken }).toEqual({ kind: 'aborted', afterFirstToken: true });
    expect(seen.length).toBeLessThan(50);
    await llm.waitForAbort(1);
    expect(llm.openStreams).toBe(0);
    expect(llm.requests).toHaveLength(1);
  });

  it('ends a backoff wait at once on abort', async () => {
    llm.enqueue({ status: 429, retryAfterMs: 5000 });
    const controller = new AbortController();
    const started = Date.now();
    const failure = failureOf(resilientStream(provider, makeRequest({ signal: controller.signal }), { idleTimeoutMs: 300 }));
    // Aborted once the server has the request (a fixed delay raced a loaded machine's request).
    await llm.waitForRequest(1);
    setTimeout(() => controller.abort(), 50);
    const error = await failure;
    expect(error.kind).toBe('aborted');
    // Well before the 5 s the server asked to wait.
    expect(Date.now() - started).toBeLessThan(2500);
    expect(llm.requests).toHaveLength(1);
  });

  it('cancels the HTTP request when the consumer stops reading early', async () => {
    llm.enqueue({ tokens: Array.from({ length: 20 }, (_, i) => `t${i} `), delayMs: 10 });
    for await (const event of resilientStream(provider, makeRequest(), fast())) {
      if (event.type === 'delta') break;
    }
    await llm.waitForAbort(1);
    expect(llm.openStreams).toBe(0);
  });
});
