/**
 * Turns whatever the openai SDK (or undici underneath it) throws into an `LlmError`, so the
 * runtime decides about retries from one classification instead of SDK classes.
 */
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { LlmError } from '../llm-provider';

/** Where the failure happened: before the HTTP response arrived, or while reading its body. */
export type FailurePhase = 'request' | 'stream';

export interface FailureContext {
  phase: FailurePhase;
  /** Whether any event was already handed to the consumer. */
  afterFirstToken: boolean;
  signal: AbortSignal;
}

/** Classifies an SDK failure; `LlmError`s pass through unchanged. */
export function toLlmError(err: unknown, ctx: FailureContext): LlmError {
  if (err instanceof LlmError) return err;
  const message = err instanceof Error ? err.message : String(err);
  // An abort the caller asked for wins over however the SDK chose to report it.
  if (ctx.signal.aborted || err instanceof APIUserAbortError) {
    return new LlmError('aborted', 'model request aborted', ctx.afterFirstToken);
  }
  if (err instanceof APIConnectionTimeoutError) return new LlmError('timeout', message, ctx.afterFirstToken);
  if (err instanceof APIConnectionError) {
    // Before the response this is a refused or reset connection; in the body it is a cut stream.
    return new LlmError(ctx.phase === 'request' ? 'network' : 'broken_stream', message, ctx.afterFirstToken);
  }
  if (err instanceof APIError) return fromStatus(err, message, ctx.afterFirstToken);
  // undici reports a socket cut mid-body as `TypeError: terminated`; bad JSON as SyntaxError.
  return new LlmError(ctx.phase === 'request' ? 'network' : 'broken_stream', message, ctx.afterFirstToken);
}

function fromStatus(err: APIError, message: string, afterFirstToken: boolean): LlmError {
  const status = err.status;
  if (status === 429) return new LlmError('rate_limited', message, afterFirstToken, retryAfterMs(err.headers));
  if (status === 401 || status === 403) return new LlmError('auth', message, afterFirstToken);
  if (status === 408) return new LlmError('timeout', message, afterFirstToken);
  if (status !== undefined && status >= 500) return new LlmError('server_error', message, afterFirstToken, retryAfterMs(err.headers));
  if (status !== undefined && status >= 400) return new LlmError('bad_request', message, afterFirstToken);
  // An `{"error": …}` object sent inside the SSE body has no status: the upstream failed mid-way.
  return new LlmError('server_error', message, afterFirstToken);
}

/** Reads `retry-after-ms` (OpenAI, Azure) or `retry-after` (seconds or an HTTP date). */
export function retryAfterMs(headers: Headers | undefined): number | undefined {
  const ms = Number.parseFloat(headers?.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const raw = headers?.get('retry-after');
  if (!raw) return undefined;
  const seconds = Number.parseFloat(raw);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
