/**
 * The OpenAI chat-completions provider (also any OpenAI-compatible server: vLLM, Ollama,
 * LiteLLM …). Streams content as it arrives, assembles tool calls, and reports failures as
 * classified `LlmError`s. The SDK's own retries are off: `resilientStream` retries, and only
 * where a retry cannot duplicate output the customer already saw.
 */
import OpenAI, { APIError } from 'openai';
import type { ChatCompletionChunk, ChatCompletionCreateParamsStreaming } from 'openai/resources/chat/completions';
import { LlmError, type LlmEvent, type LlmProvider, type LlmRequest, type LlmUsage } from '../llm-provider';
import { ChatCompletionChunks } from './chat-completion-chunks';
import { LeadingThinkFilter } from './leading-think-filter';
import { toLlmError } from './openai.errors';
import { ToolCallAccumulator, toOpenAiMessage, toOpenAiTool } from './openai.mapping';

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
/** One shared event: consumers only read its type. */
const PROGRESS: LlmEvent = Object.freeze({ type: 'progress' });

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

async function* streamCompletion(client: OpenAI, server: ServerQuirks, request: LlmRequest): AsyncGenerator<LlmEvent> {
  const ctx = { phase: 'request' as 'request' | 'stream', afterFirstToken: false, signal: request.signal };
  const calls = new ToolCallAccumulator();
  const reasoning = new LeadingThinkFilter();
  let finishReason: string | null = null;
  let usage: LlmUsage | undefined;
  try {
    // The SDK makes the request and reports its failures; the body's chunks are parsed by ChatCompletionChunks.
    const response = await openStream(client, server, request);
    ctx.phase = 'stream';
    const chunks = new ChatCompletionChunks(response.headers);
    for await (const bytes of ChatCompletionChunks.body(response)) {
      for (const chunk of chunks.read(bytes)) {
        usage = usageOf(chunk) ?? usage;
        // Some OpenAI-compatible servers send chunks with no `choices` at all (usage, keep-alive).
        const choice = (chunk.choices as ChatCompletionChunk['choices'] | null | undefined)?.[0];
        choice?.delta?.tool_calls?.forEach((delta) => calls.add(delta));
        finishReason = choice?.finish_reason ?? finishReason;
        const content = choice?.delta?.content;
        const text = content ? reasoning.push(content) : '';
        if (text) {
          ctx.afterFirstToken = true;
          yield { type: 'delta', text };
        } else {
          // Reasoning (`reasoning_content`, `reasoning`, a leading <think> block), tool-call fragments, the finish: the model is at work.
          yield PROGRESS;
        }
      }
      chunks.check();
    }
  } catch (err) {
    throw toLlmError(err, ctx);
  }
  // An abort can end the body quietly, so check for it here.
  if (request.signal.aborted) throw new LlmError('aborted', 'model request aborted', ctx.afterFirstToken);
  if (finishReason === null) {
    throw new LlmError('broken_stream', 'model stream ended without a finish_reason', ctx.afterFirstToken);
  }
  const held = reasoning.flush();
  if (held) yield { type: 'delta', text: held };
  for (const call of calls.complete()) yield { type: 'tool_call', call };
  yield { type: 'done', finishReason, usage };
}

function usageOf(chunk: ChatCompletionChunk): LlmUsage | undefined {
  if (!chunk.usage) return undefined;
  return { promptTokens: chunk.usage.prompt_tokens, completionTokens: chunk.usage.completion_tokens };
}
