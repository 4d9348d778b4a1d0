import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import { LlmError, type LlmEvent, type LlmUsage } from '../llm-provider';
import { ChatCompletionChunks } from './chat-completion-chunks';
import { LeadingThinkFilter } from './leading-think-filter';
import { toLlmError, type FailureContext } from './openai.errors';
import { ToolCallAccumulator } from './openai.mapping';

/** One shared event: consumers only read its type. */
const PROGRESS: LlmEvent = Object.freeze({ type: 'progress' });
const DONE: IteratorResult<LlmEvent> = Object.freeze({ done: true, value: undefined });

/**
 * The events of one streamed chat completion, from the request (`open`) to `done`:
 * - content deltas as they arrive (a leading reasoning block held back, see LeadingThinkFilter);
 * - `progress` for every chunk without text (reasoning, tool-call fragments, the finish);
 * - at the end, held text, the assembled tool calls and `done`, or the classified failure
 *   (`toLlmError`; a stream that ends without a finish_reason is `broken_stream`);
 * - `return()` (the consumer stopped) cancels the body, and with it the HTTP request.
 * Written out as an iterator rather than an async generator: on the path of every relayed
 * token, a generator costs several promises, result objects and microtasks per event; here an
 * event costs the body read's `then`, or nothing more when one read carried several chunks.
 */
export class CompletionEvents implements AsyncIterableIterator<LlmEvent> {
  private readonly ctx: FailureContext;
  private readonly calls = new ToolCallAccumulator();
  private readonly reasoning = new LeadingThinkFilter();
  private finishReason: string | null = null;
  private usage: LlmUsage | undefined;
  private chunks: ChatCompletionChunks | null = null;
  private body: AsyncIterator<Uint8Array> | null = null;
  /** Events ready to hand on, from `head`. */
  private queue: LlmEvent[] = [];
  private head = 0;
  private ended = false;

  constructor(
    private readonly open: () => Promise<Response>,
    private readonly signal: AbortSignal,
  ) {
    this.ctx = { phase: 'request', afterFirstToken: false, signal };
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<LlmEvent> {
    return this;
  }

  next(): Promise<IteratorResult<LlmEvent>> {
    if (this.head < this.queue.length) return Promise.resolve({ done: false, value: this.take() });
    if (this.ended) return Promise.resolve(DONE);
    if (!this.body) return this.open().then(this.opened, this.failed);
    return this.body.next().then(this.read, this.failed);
  }

  return(): Promise<IteratorResult<LlmEvent>> {
    const body = this.body;
    this.ended = true;
    this.queue = [];
    this.head = 0;
    this.body = null;
    body?.return?.().catch(() => undefined);
    return Promise.resolve(DONE);
  }

  private take(): LlmEvent {
    const event = this.queue[this.head++] as LlmEvent;
    if (this.head === this.queue.length) {
      this.queue = [];
      this.head = 0;
    }
    return event;
  }

  private readonly opened = (response: Response): Promise<IteratorResult<LlmEvent>> => {
    this.ctx.phase = 'stream';
    // Stopped while the request was on its way: the body is not read at all.
    if (this.ended) {
      response.body?.cancel().catch(() => undefined);
      return Promise.resolve(DONE);
    }
    this.chunks = new ChatCompletionChunks(response.headers);
    this.body = ChatCompletionChunks.body(response)[Symbol.asyncIterator]();
    return this.next();
  };

  private readonly read = (result: IteratorResult<Uint8Array>): Promise<IteratorResult<LlmEvent>> => {
    if (this.ended) return Promise.resolve(DONE);
    try {
      if (result.done) this.finish();
      else this.add(result.value);
    } catch (err) {
      return this.failed(err);
    }
    return this.next();
  };

  private readonly failed = (err: unknown): Promise<IteratorResult<LlmEvent>> => {
    // As leaving a for-await loop by a throw does: the body is cancelled.
    this.return().catch(() => undefined);
    return Promise.reject(toLlmError(err, this.ctx));
  };

  /** The chunks of one read of the body: their events, queued in order (a failure after them throws once they are handed on). */
  private add(bytes: Uint8Array): void {
    const chunks = this.chunks as ChatCompletionChunks;
    for (const chunk of chunks.read(bytes)) {
      this.usage = usageOf(chunk) ?? this.usage;
      // Some OpenAI-compatible servers send chunks with no `choices` at all (usage, keep-alive).
      const choice = (chunk.choices as ChatCompletionChunk['choices'] | null | undefined)?.[0];
      choice?.delta?.tool_calls?.forEach((delta) => this.calls.add(delta));
      this.finishReason = choice?.finish_reason ?? this.finishReason;
      const content = choice?.delta?.content;
      const text = content ? this.reasoning.push(content) : '';
      if (text) {
        this.ctx.afterFirstToken = true;
        this.queue.push({ type: 'delta', text });
      } else {
        // Reasoning (`reasoning_content`, `reasoning`, a leading <think> block), tool-call fragments, the finish: the model is at work.
        this.queue.push(PROGRESS);
      }
    }
    if (this.head < this.queue.length) return this.deferFailure(chunks);
    chunks.check();
  }

  /** A failure read with chunks before it: those go first, then the failure. */
  private deferFailure(chunks: ChatCompletionChunks): void {
    try {
      chunks.check();
    } catch (err) {
      // The real body is cancelled at that failure (see failed).
      const body = this.body;
      this.body = failingBody(err, () => body?.return?.());
    }
  }

  /** The body ended: what the reply still holds, then `done`; or why it is not a complete reply. */
  private finish(): void {
    this.ended = true;
    this.body = null;
    // An abort can end the body quietly, so check for it here.
    if (this.signal.aborted) throw new LlmError('aborted', 'model request aborted', this.ctx.afterFirstToken);
    if (this.finishReason === null) throw new LlmError('broken_stream', 'model stream ended without a finish_reason', this.ctx.afterFirstToken);
    const held = this.reasoning.flush();
    if (held) this.queue.push({ type: 'delta', text: held });
    for (const call of this.calls.complete()) this.queue.push({ type: 'tool_call', call });
    this.queue.push({ type: 'done', finishReason: this.finishReason, usage: this.usage });
  }
}

/** A body whose next read fails with `err` (a failure that came after chunks still to be handed on). */
function failingBody(err: unknown, cancel: () => unknown): AsyncIterator<Uint8Array> {
  return {
    next: () => Promise.reject(err),
    return: () => Promise.resolve(cancel()).then(() => DONE_BYTES),
  };
}

const DONE_BYTES: IteratorResult<Uint8Array> = Object.freeze({ done: true, value: undefined });

function usageOf(chunk: ChatCompletionChunk): LlmUsage | undefined {
  if (!chunk.usage) return undefined;
  return { promptTokens: chunk.usage.prompt_tokens, completionTokens: chunk.usage.completion_tokens };
}
