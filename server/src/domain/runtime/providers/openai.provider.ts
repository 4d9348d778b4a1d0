/**
 * The OpenAI chat-completions provider (also any OpenAI-compatible server: vLLM, Ollama,
 * LiteLLM …). Streams content as it arrives, assembles tool calls, and reports failures as
 * classified `LlmError`s. The SDK's own retries are off: `resilientStream` retries, and only
 * where a retry cannot duplicate output the customer already saw.
 */
import OpenAI, { APIError } from 'openai';
import type { ChatCompletionCreateParamsStreaming } from 'openai/resources/chat/completions';
import type { LlmEvent, LlmProvider, LlmRequest } from '../llm-provider';
import { CompletionEvents } from './completion-events';
import { toOpenAiMessage, toOpenAiTool } from './openai.mapping';

export interface OpenAiProviderOptions {
  apiKey: string;
  baseUrl?: string;
  /** Time allowed until the response headers arrive; body silence is `resilientStream`'s job. */
  timeoutMs?: number;
  /** Kept at 0 so retries happen in one place (`resilientStream`). */
  maxRetries?: 0;
  /** The fetch the SDK uses (the egress policy's, for an agent's own endpoint); default: the global one. */
  fetch?: typeof globalThis.fetch;
}

const DEFAULT_TIMEOUT_MS = 60_000;

/** Creates a provider backed by one reusable SDK client (one HTTP connection pool). */
export function createOpenAiProvider(options: OpenAiProviderOptions): LlmProvider {
  const client = new OpenAI({
    apiKey: options.apiKey,
    baseURL: options.baseUrl,
    timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxRetries: 0,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const server: ServerQuirks = { takesUsageOption: true };
  return { stream: (request) => streamCompletion(client, server, request) };
}

/** What this provider's server turned out not to accept, learnt from its answers. */
interface ServerQuirks {
  /** `stream_options: {include_usage}` — refused with a 400 by xAI, older Azure API versions and some proxies. */
  takesUsageOption: boolean;
}

/** Makes the streaming request; a server that refuses `stream_options` is asked again without it, and from then on. */
async function openStream(client: OpenAI, server: ServerQuirks, request: LlmRequest): Promise<Response> {
  const params: ChatCompletionCreateParamsStreaming = {
    model: request.model,
    messages: request.messages.map(toOpenAiMessage),
    ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
    ...(request.tools?.length ? { tools: request.tools.map(toOpenAiTool) } : {}),
    stream: true,
    ...(server.takesUsageOption ? { stream_options: { include_usage: true } } : {}),
  };
  try {
    return await client.chat.completions.create(params, { signal: request.signal }).asResponse();
  } catch (err) {
    if (!server.takesUsageOption || !refusesUsageOption(err)) throw err;
    server.takesUsageOption = false;
    return openStream(client, server, request);
  }
}

function refusesUsageOption(err: unknown): boolean {
  return err instanceof APIError && err.status === 400 && /stream_options/.test(`${err.message} ${String(err.param ?? '')}`);
}

/** The events of one streamed completion (see CompletionEvents); the SDK makes the request and reports its failures. */
function streamCompletion(client: OpenAI, server: ServerQuirks, request: LlmRequest): AsyncIterable<LlmEvent> {
  return new CompletionEvents(() => openStream(client, server, request), request.signal);
}
