/**
 * The seam between the agent runtime and a model. Providers turn a request into a stream
 * of events; the runtime knows nothing of HTTP, SSE or the openai SDK.
 */

export interface LlmToolCall {
  id: string;
  name: string;
  /** Raw JSON text as the model produced it. */
  arguments: string;
}

export type LlmMessage =
  | { role: 'system'; content: string }
  | { role: 'user'; content: string }
  | { role: 'assistant'; content: string; toolCalls?: LlmToolCall[] }
  | { role: 'tool'; toolCallId: string; content: string };

export interface LlmTool {
  name: string;
  description: string;
  /** JSON Schema of the arguments object. */
  parameters: Record<string, unknown>;
}

/** A knowledge passage the runtime retrieved for this turn. */
export interface LlmPassage {
  title: string;
  text: string;
  documentId?: string;
}

export interface LlmRequest {
  model: string;
  temperature?: number;
  messages: LlmMessage[];
  tools?: LlmTool[];
  /** Also given to the model inside `messages`; the offline provider answers from these. */
  passages?: LlmPassage[];
  signal: AbortSignal;
}

export interface LlmUsage {
  promptTokens: number;
  completionTokens: number;
}

export type LlmEvent =
  | { type: 'delta'; text: string }
  /**
   * The model sent something with no text to relay (reasoning, a tool-call fragment, the
   * finish): it tells the silence watchdog the model is alive. Never shown.
   */
  | { type: 'progress' }
  | { type: 'tool_call'; call: LlmToolCall }
  | { type: 'done'; finishReason: string | null; usage?: LlmUsage };

export interface LlmProvider {
  /** Streams one completion. Throws `LlmError` for failures; honours `signal`. */
  stream(request: LlmRequest): AsyncIterable<LlmEvent>;
}

export type LlmErrorKind = 'rate_limited' | 'server_error' | 'timeout' | 'aborted' | 'bad_request' | 'auth' | 'network' | 'broken_stream';

/** A model failure, classified so the runtime can decide whether a retry may help. */
export class LlmError extends Error {
  constructor(
    readonly kind: LlmErrorKind,
    message: string,
    /** Whether any output had been produced before the failure. */
    readonly afterFirstToken = false,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'LlmError';
  }

  get retryable(): boolean {
    return !this.afterFirstToken && ['rate_limited', 'server_error', 'network', 'timeout'].includes(this.kind);
  }
}
