/**
 * Wraps a provider stream with the failure policy of a live chat:
 * - failures before the first event are retried with exponential backoff and jitter (the
 *   customer has seen nothing, so a retry cannot duplicate text); `retryAfterMs` is honoured;
 * - once an event has been handed on, nothing is retried: the error propagates with
 *   `afterFirstToken` so the runtime can mark the message `failed`/`interrupted`;
 * - a silent model (nothing before `firstTokenTimeoutMs`, or a gap over `idleTimeoutMs`) is
 *   cancelled and reported as `timeout` — a stalled socket otherwise hangs a turn forever;
 * - `request.signal` aborting (takeover, customer gone) ends everything at once as `aborted`
 *   and cancels the underlying HTTP request.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { LlmError, type LlmEvent, type LlmProvider, type LlmRequest } from './llm-provider';

export interface ResilientStreamOptions {
  /** Retries after the first attempt (default 3). */
  maxRetries?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Longest wait a server may ask for with Retry-After before we give up instead (default 10 s). */
  maxRetryAfterMs?: number;
  firstTokenTimeoutMs?: number;
  idleTimeoutMs?: number;
  /** Injected by tests to skip real waiting; must reject when `signal` aborts. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Injected by tests for deterministic jitter; returns [0, 1). */
  random?: () => number;
  /** Called before each retry (for logs and metrics). */
  onRetry?: (error: LlmError, attempt: number, delayMs: number) => void;
}

type Settings = Required<Omit<ResilientStreamOptions, 'onRetry'>> & Pick<ResilientStreamOptions, 'onRetry'>;

const DEFAULTS: Omit<Settings, 'onRetry'> = {
  maxRetries: 3,
  baseDelayMs: 250,
  maxDelayMs: 4_000,
  maxRetryAfterMs: 10_000,
  // Reasoning models can think for a while before the first token; gaps after it are short.
  firstTokenTimeoutMs: 30_000,
  idleTimeoutMs: 20_000,
  sleep: (ms, signal) => delay(ms, undefined, { signal }),
  random: Math.random,
};

/** Streams `request` through `provider` with retries, timeouts and cancellation (see above). */
export async function* resilientStream(
  provider: LlmProvider,
  request: LlmRequest,
  options: ResilientStreamOptions = {},
): AsyncGenerator<LlmEvent> {
  const settings: Settings = { ...DEFAULTS, ...definedOnly(options) };
  for (let attempt = 0; ; attempt += 1) {
    let produced = false;
    try {
      for await (const event of guardedAttempt(provider, request, settings)) {
        produced = true;
        yield event;
      }
      return;
    } catch (err) {
      const waitMs = produced ? undefined : retryDelay(err, attempt, settings);
      if (waitMs === undefined) throw err;
      settings.onRetry?.(err as LlmError, attempt + 1, waitMs);
      await settings.sleep(waitMs, request.signal).catch(() => {
        throw new LlmError('aborted', 'model request aborted', false);
      });
    }
  }
}

/** The wait before the next attempt, or undefined when the error must propagate. */
function retryDelay(err: unknown, attempt: number, settings: Settings): number | undefined {
  if (!(err instanceof LlmError) || !isRetryable(err) || attempt >= settings.maxRetries) return undefined;
  if (err.retryAfterMs !== undefined) {
    return err.retryAfterMs <= settings.maxRetryAfterMs ? err.retryAfterMs : undefined;
  }
  // "Equal jitter": at least half the exponential step, so retries spread without collapsing to 0.
  const step = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** attempt);
  return Math.round(step / 2 + settings.random() * (step / 2));
}

/**
 * `LlmError.retryable`, plus a stream cut before its first token: the customer saw nothing,
 * so a retry cannot duplicate text (the seam's getter leaves broken_stream out).
 */
function isRetryable(err: LlmError): boolean {
  return err.retryable || (err.kind === 'broken_stream' && !err.afterFirstToken);
}

/** One provider attempt under its own AbortController, so a timeout can cancel just it. */
async function* guardedAttempt(provider: LlmProvider, request: LlmRequest, settings: Settings): AsyncGenerator<LlmEvent> {
  if (request.signal.aborted) throw new LlmError('aborted', 'model request aborted', false);
  const controller = new AbortController();
  const forwardAbort = () => controller.abort(request.signal.reason);
  request.signal.addEventListener('abort', forwardAbort, { once: true });
  const iterator = provider.stream({ ...request, signal: controller.signal })[Symbol.asyncIterator]();
  let seen = false;
  try {
    while (true) {
      const timeoutMs = seen ? settings.idleTimeoutMs : settings.firstTokenTimeoutMs;
      const result = await nextWithin(iterator, timeoutMs, request.signal, seen);
      if (result.done) return;
      seen = true;
      yield result.value;
    }
  } finally {
    request.signal.removeEventListener('abort', forwardAbort);
    // Cancels the HTTP request on timeout, abort or an early `break` by the consumer.
    controller.abort();
    iterator.return?.().catch(() => {});
  }
}

/** The provider's next event, unless the time limit or an external abort comes first. */
function nextWithin(
  iterator: AsyncIterator<LlmEvent>,
  timeoutMs: number,
  signal: AbortSignal,
  afterFirstToken: boolean,
): Promise<IteratorResult<LlmEvent>> {
  // An abort while the consumer was busy with the last event fired no listener; catch it here.
  if (signal.aborted) return Promise.reject(new LlmError('aborted', 'model request aborted', afterFirstToken));
  return new Promise((resolve, reject) => {
    const settle = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      settle();
      reject(new LlmError('aborted', 'model request aborted', afterFirstToken));
    };
    const timer = setTimeout(() => {
      settle();
      const what = afterFirstToken ? `no model output for ${timeoutMs} ms` : `no first token within ${timeoutMs} ms`;
      reject(new LlmError('timeout', what, afterFirstToken));
    }, timeoutMs);
    signal.addEventListener('abort', onAbort, { once: true });
    iterator.next().then(
      (result) => {
        settle();
        resolve(result);
      },
      (err: unknown) => {
        settle();
        reject(err);
      },
    );
  });
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
