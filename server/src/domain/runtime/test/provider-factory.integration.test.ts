import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startFakeLlm, type FakeLlm } from '../../../../test/support/fake-llm-server';
import { LlmError } from '../llm-provider';
import { createProvider } from '../providers';
import { collect, makeRequest, textOf } from './llm-test-helpers';

describe('createProvider', () => {
  let llm: FakeLlm;
  beforeAll(async () => {
    llm = await startFakeLlm();
  });
  afterAll(() => llm.close());

  it('reuses one client per endpoint and key', () => {
    const defaults = { openaiApiKey: 'sk-a', openaiBaseUrl: llm.url };
    const a = createProvider({ provider: 'openai', model: 'm1' }, defaults);
    expect(createProvider({ provider: 'openai', model: 'm2' }, defaults)).toBe(a);
    expect(createProvider({ provider: 'openai', model: 'm1' }, { ...defaults, openaiApiKey: 'sk-b' })).not.toBe(a);
  });

  it('talks to an openai-compatible endpoint named by the agent, without leaking the default key', async () => {
    const provider = createProvider({ provider: 'openai-compatible', model: 'llama', baseUrl: llm.url }, { openaiApiKey: 'sk-secret' });
    const events = await collect(provider.stream(makeRequest({ model: 'llama' })));
    expect(textOf(events)).toBe('Echo: hello there');
    expect(llm.requests.at(-1)?.model).toBe('llama');
    expect(llm.requestHeaders.at(-1)?.authorization).toBe('Bearer none');
  });

  it('sends the default key to the default endpoint', async () => {
    const provider = createProvider({ provider: 'openai', model: 'gpt' }, { openaiApiKey: 'sk-secret', openaiBaseUrl: llm.url });
    await collect(provider.stream(makeRequest()));
    expect(llm.requestHeaders.at(-1)?.authorization).toBe('Bearer sk-secret');
  });

  it('refuses openai without a key', () => {
    expect(() => createProvider({ provider: 'openai', model: 'gpt' }, {})).toThrow(LlmError);
  });

  it('returns the offline model', async () => {
    const provider = createProvider({ provider: 'offline', model: 'offline' }, { offlineWordDelayMs: 0 });
    const events = await collect(provider.stream(makeRequest()));
    expect(events.at(-1)).toMatchObject({ type: 'done', finishReason: 'stop' });
  });
});
