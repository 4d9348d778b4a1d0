import { randomUUID } from 'node:crypto';
import { WebhookDeliveryModel, DELIVERY_RETENTION_MS } from '../../db/models/webhook-delivery.model';
import type { Logger } from '../../logger';
import type { DeliveryKind, DeliveryTarget, QueuedDelivery, ResolvedTarget } from './outbound-queue';
import { signedHeaders } from './webhook-signature';
import { webhookTarget } from './webhook-target';
import type { WebhookService } from './webhook.service';

export interface DispatcherOptions {
  /** How often to look for deliveries nobody is sending (a crashed process's); new ones and retries do not wait for it. */
  pollMs: number;
  /** Deliveries in flight at once in this process. */
  concurrency: number;
  timeoutMs: number;
  /** Delay before each retry; once they are used up a delivery is `failed`. */
  retryScheduleMs: number[];
  fetchImpl?: typeof fetch;
  /** Told of every attempt's outcome (for metrics). */
  onAttempt?: (outcome: 'succeeded' | 'retrying' | 'failed') => void;
  /** Targets of the other kinds of delivery (call escalation); webhooks are built in. */
  targets?: Partial<Record<DeliveryKind, DeliveryTarget>>;
}

type Claimed = QueuedDelivery;

interface Outcome {
  at: Date;
  status: number | null;
  error: string | null;
  durationMs: number;
}

/** Why a request failed, in a few words (`connect ECONNREFUSED …`, `timed out after 10000 ms`). */
function describe(err: unknown, timeoutMs: number): string {
  const e = err as { name?: string; message?: string; cause?: { message?: string; code?: string } };
  if (e?.name === 'TimeoutError') return `timed out after ${timeoutMs} ms`;
  // Said as such, never with the address or the connect error: the delivery log must not be a port-probing oracle.
  if (e?.name === 'EgressRefused') return 'refused by egress policy';
  return e?.cause?.message ?? e?.cause?.code ?? e?.message ?? String(err);
}

const ALL_KINDS: DeliveryKind[] = ['webhook', 'call'];

/** With no webhook registered there is nothing to claim: the poll checks this list, this old at most. */
const IDLE_RECHECK_MS = 30_000;

/**
 * Sends queued deliveries: webhook events, and every other kind the queue holds (call
 * escalation requests), each signed with a timestamp in Switchboard's scheme and in the
 * Standard Webhooks one. It claims due deliveries, one conditional findOneAndUpdate
 * each (pending, due, not locked by anyone), so any number of processes can run it without
 * sending an attempt twice: at once when this process stores new deliveries, when a retry of
 * its own falls due, and every `pollMs` (only while some webhook is registered) for what a
 * crashed process left behind. Requests run concurrently up to a cap, with a
 * smaller cap per webhook so one dead endpoint cannot take every slot; none of this is on
 * the path of a chat message.
 */
export class WebhookDispatcher {
  private timer: NodeJS.Timeout | null = null;
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private unsubscribe: () => void = () => undefined;
  private ticking: Promise<void> | null = null;
  /** Asked to tick while a tick ran: its last claim may have missed what was just queued. */
  private again = false;
  private stopped = false;
  private noOtherPendingUntil = 0;
  private readonly inFlight = new Map<string, { webhookId: string; abort: AbortController; done: Promise<void> }>();
  private readonly perWebhook: number;
  private readonly targets: Partial<Record<DeliveryKind, DeliveryTarget>>;
  private readonly unhandled: DeliveryKind[];

  constructor(
    private readonly webhooks: WebhookService,
    private readonly opts: DispatcherOptions,
    private readonly logger: Logger,
  ) {
    this.perWebhook = Math.max(1, Math.floor(opts.concurrency / 4));
    this.targets = { webhook: webhookTarget(webhooks), ...opts.targets };
    this.unhandled = ALL_KINDS.filter((k) => !this.targets[k]);
  }

  start(): void {
    this.unsubscribe = this.webhooks.onQueued(() => void this.tick());
    this.timer = setInterval(() => void this.poll(), this.opts.pollMs);
    this.timer.unref();
    // What a stopped or crashed process left pending goes out now, not a poll later.
    void this.poll();
  }

  /** Stops claiming, aborts requests in flight and hands their deliveries back to the queue. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe();
    if (this.timer) clearInterval(this.timer);
    for (const timer of this.retryTimers) clearTimeout(timer);
    await this.ticking;
    for (const job of this.inFlight.values()) job.abort.abort();
    await Promise.all([...this.inFlight.values()].map((j) => j.done));
  }

  /** Claims and starts due deliveries until none is due or the caps are reached. */
  tick(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.ticking) {
      this.again = true;
      return this.ticking;
    }
    this.ticking = this.claimLoop()
      .catch((err: unknown) => this.logger.warn({ err }, 'webhook dispatcher tick failed'))
      .finally(() => {
        this.ticking = null;
        if (this.again) {
          this.again = false;
          void this.tick();
        }
      });
    return this.ticking;
  }

  private async poll(): Promise<void> {
    const registered = await this.webhooks.anyRegistered(IDLE_RECHECK_MS).catch(() => true);
    if (registered || (await this.otherKindsPending())) await this.tick();
  }

  /**
   * Whether deliveries other than webhooks' (call requests) wait: they need no webhook
   * registered. A "none" is trusted for IDLE_RECHECK_MS, so an idle server asks twice a minute;
   * this process's own new ones tick at once anyway.
   */
  private async otherKindsPending(): Promise<boolean> {
    const kinds = (Object.keys(this.targets) as DeliveryKind[]).filter((k) => k !== 'webhook');
    if (!kinds.length || Date.now() < this.noOtherPendingUntil) return false;
    const pending = Boolean(await WebhookDeliveryModel.exists({ status: 'pending', kind: { $in: kinds } }).catch(() => true));
    if (!pending) this.noOtherPendingUntil = Date.now() + IDLE_RECHECK_MS;
    return pending;
  }

  /** Ticks when a retry this process scheduled falls due. */
  private tickIn(ms: number): void {
    const timer = setTimeout(() => {
      this.retryTimers.delete(timer);
      void this.tick();
    }, ms);
    timer.unref();
    this.retryTimers.add(timer);
  }

  private async claimLoop(): Promise<void> {
    while (!this.stopped && this.inFlight.size < this.opts.concurrency) {
      const lockId = randomUUID();
      const claimed = await this.claim(lockId);
      if (!claimed) return;
      this.run(lockId, claimed);
    }
  }

  private claim(lockId: string): Promise<Claimed | null> {
    const now = new Date();
    const busy = this.saturatedWebhooks();
    return WebhookDeliveryModel.findOneAndUpdate(
      {
        status: 'pending',
        nextAttemptAt: { $lte: now },
        lockedUntil: { $lte: now },
        ...(busy.length ? { webhookId: { $nin: busy } } : {}),
        // A dispatcher that cannot send some kind leaves it to one that can.
        ...(this.unhandled.length ? { kind: { $nin: this.unhandled } } : {}),
      },
      // Held a little longer than a request may take; a crashed holder's claim lapses.
      { $set: { lockedUntil: new Date(now.getTime() + this.opts.timeoutMs + 30_000), lockId } },
      { sort: { nextAttemptAt: 1 }, returnDocument: 'after', projection: { kind: 1, webhookId: 1, callId: 1, eventId: 1, type: 1, sessionId: 1, body: 1, attempts: 1 } },
    ).lean<Claimed>();
  }

  private saturatedWebhooks(): string[] {
    const counts = new Map<string, number>();
    for (const job of this.inFlight.values()) counts.set(job.webhookId, (counts.get(job.webhookId) ?? 0) + 1);
    return [...counts].filter(([id, n]) => n >= this.perWebhook && !id.startsWith('call:')).map(([id]) => id);
  }

  private run(lockId: string, delivery: Claimed): void {
    const abort = new AbortController();
    // Calls have no webhook: they share no per-webhook cap (there are few, and each is urgent).
    const webhookId = delivery.webhookId?.toHexString() ?? `call:${delivery.callId?.toHexString()}`;
    const done = this.attempt(lockId, delivery, abort.signal)
      .catch((err: unknown) => this.logger.error({ err, webhookId, eventId: delivery.eventId, kind: delivery.kind }, 'delivery crashed'))
      .finally(() => {
        this.inFlight.delete(lockId);
        // A freed slot is filled at once rather than at the next poll.
        if (!this.stopped) void this.tick();
      });
    this.inFlight.set(lockId, { webhookId, abort, done });
  }

  private async attempt(lockId: string, d: Claimed, shutdown: AbortSignal): Promise<void> {
    const kind = this.targetOf(d);
    let target: ResolvedTarget | null;
    try {
      target = await kind.resolve(d);
    } catch (err) {
      return this.record(lockId, d, { at: new Date(), status: null, error: describe(err, 0), durationMs: 0 });
    }
    if (!target) return this.cancel(lockId, d);
    const body = d.body ?? target.body;
    if (body === undefined || body === null) return this.record(lockId, d, { at: new Date(), status: null, error: 'nothing to send', durationMs: 0 });
    // Written once, by the claim's holder: every retry sends (and signs) the same bytes.
    if (d.body === null) await WebhookDeliveryModel.updateOne({ _id: d._id, lockId, body: null }, { $set: { body } });
    const outcome = await this.send(target, d, body, shutdown);
    if (shutdown.aborted) return this.release(lockId, d);
    await this.record(lockId, d, outcome);
  }

  private targetOf(d: Claimed): DeliveryTarget {
    const target = this.targets[d.kind ?? 'webhook'];
    if (!target) throw new Error(`no target for deliveries of kind ${d.kind}`);
    return target;
  }

  private async send(target: ResolvedTarget, d: Claimed, body: string, shutdown: AbortSignal): Promise<Outcome> {
    const at = new Date();
    const timestamp = Math.floor(at.getTime() / 1000);
    const started = performance.now();
    const took = () => Math.round(performance.now() - started);
    try {
      const res = await (this.opts.fetchImpl ?? fetch)(target.url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.any([shutdown, AbortSignal.timeout(this.opts.timeoutMs)]),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Switchboard-Webhooks/1',
          ...target.headers,
          ...signedHeaders(target.scheme, target.secret, `msg_${d._id.toHexString()}`, timestamp, body),
        },
        body,
      });
      // The answer's body is not needed; do not download it.
      await res.body?.cancel().catch(() => undefined);
      return { at, status: res.status, error: res.status >= 200 && res.status < 300 ? null : `HTTP ${res.status}`, durationMs: took() };
    } catch (err) {
      return { at, status: null, error: describe(err, this.opts.timeoutMs), durationMs: took() };
    }
  }

  /** Stores the attempt and what happens next; only the claim's holder may. */
  private async record(lockId: string, d: Claimed, outcome: Outcome): Promise<void> {
    const now = new Date();
    const tries = d.attempts.length + 1;
    const succeeded = outcome.error === null;
    const kind = this.targetOf(d);
    const retryIn = (kind.retryScheduleMs ?? this.opts.retryScheduleMs)[tries - 1];
    const finished = succeeded || retryIn === undefined;
    const set: Record<string, unknown> = { lockedUntil: new Date(0), lockId: null };
    if (finished) Object.assign(set, { status: succeeded ? 'succeeded' : 'failed', completedAt: now, expiresAt: new Date(now.getTime() + DELIVERY_RETENTION_MS) });
    else set.nextAttemptAt = new Date(now.getTime() + retryIn);
    await WebhookDeliveryModel.updateOne({ _id: d._id, lockId }, { $set: set, $push: { attempts: outcome } });
    if (!finished) this.tickIn(retryIn);
    this.opts.onAttempt?.(succeeded ? 'succeeded' : finished ? 'failed' : 'retrying');
    if (!succeeded) this.logger.warn({ kind: d.kind, webhookId: d.webhookId?.toHexString(), callId: d.callId?.toHexString(), eventId: d.eventId, attempt: tries, error: outcome.error, final: finished }, 'delivery failed');
    await kind.attempted?.(d, outcome.error, finished);
  }

  /** Nothing to send any more: the delivery ends without another attempt. */
  private async cancel(lockId: string, d: Claimed): Promise<void> {
    const now = new Date();
    await WebhookDeliveryModel.updateOne(
      { _id: d._id, lockId },
      { $set: { status: 'failed', completedAt: now, expiresAt: new Date(now.getTime() + DELIVERY_RETENTION_MS), lockedUntil: new Date(0), lockId: null } },
    );
  }

  private async release(lockId: string, d: Claimed): Promise<void> {
    await WebhookDeliveryModel.updateOne({ _id: d._id, lockId }, { $set: { lockedUntil: new Date(0), lockId: null } }).catch(() => undefined);
  }
}
