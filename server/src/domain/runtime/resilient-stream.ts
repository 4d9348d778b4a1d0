/**
 * Wraps a provider stream with the failure policy of a live chat:
 * - failures before the first event are retried with exponential backoff and jitter (the
 *   customer has seen nothing, so a retry cannot duplicate text); `retryAfterMs` is honoured;
 * - once an event has been handed on, nothing is retried: the error propagates with
 *   `afterFirstToken` so the runtime can mark the message `failed`/`interrupted`;
 * - a silent model (nothing before `firstTokenTimeoutMs`, or a gap over `idleTimeoutMs`) is
 *   cancelled and reported as `timeout` — a stalled socket otherwise hangs a turn forever. A
 *   model streaming its reasoning or a long tool call is not silent: `progress` events push
 *   the deadline back, and are not handed on (nothing was shown, so a failure after them may
 *   still be retried);
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
export function resilientStream(provider: LlmProvider, request: LlmRequest, options: ResilientStreamOptions = {}): AsyncIterableIterator<LlmEvent> {
  return new ResilientStream(provider, request, { ...DEFAULTS, ...definedOnly(options) });
}

const DONE: IteratorResult<LlmEvent> = Object.freeze({ done: true, value: undefined });

/**
 * The stream as an iterator written out, not an async generator: each event costs the
 * attempt's promise and one `then`, where generators (one per attempt, one for the retries)
 * cost several promises, result objects and microtasks per token on the relay's path.
 */
class ResilientStream implements AsyncIterableIterator<LlmEvent> {
  private attempt = 0;
  /** Whether this attempt handed an event on (then nothing is retried). */
  private produced = false;
  private current: GuardedAttempt | null = null;
  private ended = false;

  constructor(
    private readonly provider: LlmProvider,
    private readonly request: LlmRequest,
    private readonly settings: Settings,
  ) {}

  [Symbol.asyncIterator](): AsyncIterableIterator<LlmEvent> {
    return this;
  }

  next(): Promise<IteratorResult<LlmEvent>> {
    if (this.ended) return Promise.resolve(DONE);
    try {
      this.current ??= new GuardedAttempt(this.provider, this.request, this.settings);
    } catch (err) {
      return new Promise((resolve) => resolve(this.failed(err)));
    }
    return this.current.next().then(this.handOn, this.failed);
  }

  /** The consumer stopped early (`break`): the attempt's request is cancelled. */
  return(): Promise<IteratorResult<LlmEvent>> {
    this.end();
    return Promise.resolve(DONE);
  }

  private readonly handOn = (result: IteratorResult<LlmEvent>): IteratorResult<LlmEvent> | Promise<IteratorResult<LlmEvent>> => {
    if (result.done) {
      if (this.current) this.current.finished = true;
      this.end();
      return DONE;
    }
    if (result.value.type === 'progress') return this.next();
    this.produced = true;
    return result;
  };

  private readonly failed = (err: unknown): Promise<IteratorResult<LlmEvent>> => {
    // Before any retry's wait: a failed attempt's request is cancelled at once.
    this.current?.close();
    this.current = null;
    const waitMs = this.produced ? undefined : retryDelay(err, this.attempt, this.settings);
    if (waitMs === undefined) {
      this.ended = true;
      throw err;
    }
    this.attempt += 1;
    this.settings.onRetry?.(err as LlmError, this.attempt, waitMs);
    return this.settings.sleep(waitMs, this.request.signal).then(
      () => this.next(),
      () => {
        this.ended = true;
        throw new LlmError('aborted', 'model request aborted', false);
      },
    );
  };

  private end(): void {
    this.ended = true;
    this.current?.close();
    this.current = null;
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

/**
 * One provider attempt under its own AbortController, so a timeout can cancel just it.
 * Per attempt, not per token: one abort listener and one watchdog timer that is pushed back
 * lazily (a deadline moved on each event) — a timer and listener per token cost more than
 * relaying the token.
 */
class GuardedAttempt {
  /** Set when the provider's stream was read to its end (nothing left to cancel). */
  finished = false;
  private readonly controller = new AbortController();
  private readonly iterator: AsyncIterator<LlmEvent>;
  private readonly guard: AttemptGuard;
  private closed = false;
  private readonly forwardAbort = (): void => this.guard.fail(new LlmError('aborted', 'model request aborted', this.guard.seen));

  constructor(
    provider: LlmProvider,
    private readonly request: LlmRequest,
    settings: Settings,
  ) {
    if (request.signal.aborted) throw new LlmError('aborted', 'model request aborted', false);
    this.iterator = provider.stream({ ...request, signal: this.controller.signal })[Symbol.asyncIterator]();
    this.guard = new AttemptGuard(settings);
    request.signal.addEventListener('abort', this.forwardAbort, { once: true });
  }

  next(): Promise<IteratorResult<LlmEvent>> {
    // An abort while the consumer was busy with the last event is caught here too.
    if (this.request.signal.aborted) this.forwardAbort();
    return this.guard.next(this.iterator);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.guard.stop();
    this.request.signal.removeEventListener('abort', this.forwardAbort);
    // Cancels the HTTP request on timeout, abort or an early `break` by the consumer (a
    // stream read to its end has nothing left to cancel).
    if (!this.finished) {
      this.controller.abort();
      this.iterator.return?.().catch(() => {});
    }
  }
}

/** Races each `next()` of an attempt against its first failure (a timeout or an abort). */
class AttemptGuard {
  seen = false;
  private failure: LlmError | null = null;
  private resolvePending: ((result: IteratorResult<LlmEvent>) => void) | null = null;
  private rejectPending: ((err: unknown) => void) | null = null;
  private deadline: number;
  private timer: NodeJS.Timeout;

  constructor(private readonly settings: Settings) {
    this.deadline = Date.now() + settings.firstTokenTimeoutMs;
    this.timer = setTimeout(() => this.watch(), settings.firstTokenTimeoutMs);
  }

  next(iterator: AsyncIterator<LlmEvent>): Promise<IteratorResult<LlmEvent>> {
    if (this.failure) return Promise.reject(this.failure);
    // Only time spent waiting on the model counts, not the consumer's work between events.
    this.deadline = Date.now() + (this.seen ? this.settings.idleTimeoutMs : this.settings.firstTokenTimeoutMs);
    const pending = new Promise<IteratorResult<LlmEvent>>((resolve, reject) => {
      this.resolvePending = resolve;
      this.rejectPending = reject;
    });
    iterator.next().then(this.settle, this.refuse);
    return pending;
  }

  // Bound once per attempt, not a pair of closures per token.
  private readonly settle = (result: IteratorResult<LlmEvent>): void => {
    const resolve = this.resolvePending;
    this.resolvePending = null;
    this.rejectPending = null;
    if (!result.done && result.value.type !== 'progress') this.seen = true;
    resolve?.(result);
  };

  private readonly refuse = (err: unknown): void => {
    const reject = this.rejectPending;
    this.resolvePending = null;
    this.rejectPending = null;
    reject?.(this.failure ?? err);
  };

  fail(err: LlmError): void {
    this.failure ??= err;
    this.rejectPending?.(this.failure);
    this.resolvePending = null;
    this.rejectPending = null;
  }

  stop(): void {
    clearTimeout(this.timer);
  }

  private watch(): void {
    const left = this.rejectPending ? this.deadline - Date.now() : this.settings.idleTimeoutMs;
    if (left > 0) {
      this.timer = setTimeout(() => this.watch(), left);
      return;
    }
    const limit = this.seen ? this.settings.idleTimeoutMs : this.settings.firstTokenTimeoutMs;
    this.fail(new LlmError('timeout', this.seen ? `no model output for ${limit} ms` : `no first token within ${limit} ms`, this.seen));
  }
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
