/** Picks the provider an agent's `llm` settings ask for, reusing SDK clients between turns. */
import { LlmError, type LlmProvider } from '../llm-provider';
import { createOfflineProvider } from './offline.provider';
import { createOpenAiProvider } from './openai.provider';

/** The `llm` block of an agent (SPEC §1); `temperature` travels on each request instead. */
export interface AgentLlmSettings {
  provider: 'openai' | 'openai-compatible' | 'offline';
  model: string;
  baseUrl?: string;
}

/** Process-wide settings from config.ts (OPENAI_API_KEY, OPENAI_BASE_URL). */
export interface ProviderDefaults {
  openaiApiKey?: string;
  openaiBaseUrl?: string;
  /** Offline model's typing pace; tests pass 0. */
  offlineWordDelayMs?: number;
  /** Time allowed until an OpenAI response's headers arrive. */
  openaiTimeoutMs?: number;
  /** How requests to an agent's own `baseUrl` go out: through the egress policy (OPENAI_BASE_URL is the installation's own, trusted). */
  egressFetch?: typeof globalThis.fetch;
}

// Servers such as vLLM or Ollama take no key, but the SDK refuses to start without one.
const NO_KEY_PLACEHOLDER = 'none';

/**
 * Each client holds a keep-alive connection pool, so one is kept per (baseUrl, key) rather
 * than built per turn. The cache is bounded by the number of distinct endpoints configured.
 */
const openAiCache = new Map<string, LlmProvider>();
const offlineCache = new Map<number, LlmProvider>();

/** Returns the provider for an agent's llm settings, with the agent's own API key if it has one for that endpoint. */
export function createProvider(llm: AgentLlmSettings, defaults: ProviderDefaults, agentApiKey?: string): LlmProvider {
  if (llm.provider === 'offline') return offline(defaults.offlineWordDelayMs);
  // An agent's own `baseUrl` is where its requests (and its own key) go, for either provider:
  // with `openai` it used to be shown by the API but ignored, so the agent's key went to OPENAI_BASE_URL.
  const ownEndpoint = !!llm.baseUrl && llm.baseUrl !== defaults.openaiBaseUrl;
  const baseUrl = ownEndpoint ? llm.baseUrl : defaults.openaiBaseUrl;
  // Never send OPENAI_API_KEY to an endpoint an agent named itself: that would leak the key.
  const key = agentApiKey ?? (ownEndpoint ? undefined : defaults.openaiApiKey);
  const apiKey = key || (llm.provider === 'openai-compatible' ? NO_KEY_PLACEHOLDER : '');
  if (!apiKey) {
    throw new LlmError('auth', ownEndpoint ? `The openai provider needs the agent's own apiKey for ${baseUrl} (OPENAI_API_KEY is never sent to an agent's baseUrl).` : 'The openai provider needs OPENAI_API_KEY; use "offline" or "openai-compatible" without one.');
  }
  const cacheKey = JSON.stringify([baseUrl ?? '', apiKey, defaults.openaiTimeoutMs ?? null]);
  let provider = openAiCache.get(cacheKey);
  if (!provider) {
    provider = createOpenAiProvider({ apiKey, baseUrl, timeoutMs: defaults.openaiTimeoutMs, maxRetries: 0, fetch: ownEndpoint ? defaults.egressFetch : undefined });
    openAiCache.set(cacheKey, provider);
  }
  return provider;
}

function offline(wordDelayMs: number | undefined): LlmProvider {
  const key = wordDelayMs ?? -1;
  let provider = offlineCache.get(key);
  if (!provider) {
    provider = createOfflineProvider({ wordDelayMs });
    offlineCache.set(key, provider);
  }
  return provider;
}
