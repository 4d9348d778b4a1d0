import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import type { DomainEventType, EventEnvelope, WebhookDeliveryDto, WebhookDeliveryStatus, WebhookDto } from '../../../../shared/src/contract/types';
import { WebhookModel } from '../../db/models/webhook.model';
import { WebhookDeliveryModel } from '../../db/models/webhook-delivery.model';
import type { Logger } from '../../logger';
import { AppError, notFound } from '../app-error';
import type { SecretBox } from '../secrets/secret-box';
import { toDeliveryDto, toWebhookDto } from './webhook.mapper';
import { OutboundQueue } from './outbound-queue';
import { standardWebhooksSecret } from './webhook-signature';

/** How long this process trusts its copy of the webhook list when matching events. */
const HOOKS_CACHE_MS = 1_000;
const TARGET_CACHE_MS = 5_000;
const ENQUEUE_FLUSH_MS = 20;

export interface WebhookTarget {
  url: string;
  secret: string;
}

const isDuplicateKey = (err: unknown) => (err as { code?: unknown })?.code === 11000 || /E11000/.test(String((err as Error)?.message));

/**
 * Webhooks: registration (the signing secret shown once, kept encrypted) and turning domain
 * events into delivery documents. Sending is the dispatcher's job; nothing here is awaited
 * by the code that published the event.
 */
export class WebhookService {
  private hooks: { at: number; list: Promise<{ id: Types.ObjectId; types: string[] }[]> } | null = null;
  private readonly targets = new Map<string, { at: number; target: WebhookTarget | null }>();
  private buffer: EventEnvelope[] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly box: SecretBox,
    private readonly logger: Logger,
    private readonly clock: () => Date = () => new Date(),
    /** The egress policy's save-time check (400 `egress_refused` naming the field). */
    private readonly assertReachable: (url: string, field: string) => void = () => undefined,
    /** Where deliveries are stored for the dispatcher (shared with call escalation). */
    readonly queue: OutboundQueue = new OutboundQueue(),
  ) {}

  /** Registers a webhook; the secret is answered once, also in the form Standard Webhooks libraries take. */
  async create(input: { url: string; types: DomainEventType[] }): Promise<{ webhook: WebhookDto; secret: string; standardWebhooksSecret: string }> {
    this.assertReachable(input.url, 'url');
    const secret = `whsec_${randomBytes(32).toString('base64url')}`;
    const _id = new Types.ObjectId();
    const types = [...new Set(input.types)];
    const doc = await WebhookModel.create({ _id, url: input.url, types, secretCiphertext: this.box.seal(secret, _id.toHexString()) });
    this.hooks = null;
    return { webhook: toWebhookDto(doc), secret, standardWebhooksSecret: standardWebhooksSecret(secret) };
  }

  async list(): Promise<WebhookDto[]> {
    return (await WebhookModel.find().sort({ createdAt: 1 })).map(toWebhookDto);
  }

  /** Deletes the webhook and its deliveries: nothing more is sent to it. */
  async remove(id: string): Promise<void> {
    const doc = Types.ObjectId.isValid(id) ? await WebhookModel.findByIdAndDelete(id) : null;
    if (!doc) throw notFound('webhook');
    this.hooks = null;
    this.targets.delete(id);
    await WebhookDeliveryModel.deleteMany({ webhookId: doc._id });
  }

  /** The delivery log of one webhook, newest first. */
  async deliveries(id: string, query: { status?: WebhookDeliveryStatus; limit: number }): Promise<WebhookDeliveryDto[]> {
    if (!Types.ObjectId.isValid(id) || !(await WebhookModel.exists({ _id: id }))) throw notFound('webhook');
    const filter = { webhookId: new Types.ObjectId(id), ...(query.status ? { status: query.status } : {}) };
    const rows = await WebhookDeliveryModel.find(filter).sort({ createdAt: -1, _id: -1 }).limit(query.limit).lean();
    return rows.map(toDeliveryDto);
  }

  /**
   * Queues a failed delivery of this webhook for one more attempt, now. 404 when the webhook
   * or delivery is unknown, 409 `conflict` when it has not failed (pending or delivered).
   */
  async retryDelivery(id: string, deliveryId: string): Promise<WebhookDeliveryDto> {
    if (!Types.ObjectId.isValid(id) || !Types.ObjectId.isValid(deliveryId)) throw notFound('delivery');
    const filter = { _id: new Types.ObjectId(deliveryId), webhookId: new Types.ObjectId(id) };
    const requeued = await this.queue.retryFailed(filter);
    const row = await WebhookDeliveryModel.findOne(filter).lean();
    if (!row) throw notFound('delivery');
    if (!requeued) throw new AppError('conflict', `only a failed delivery can be retried; this one is ${row.status}`);
    return toDeliveryDto(row);
  }

  /** Called for each domain event this process published; returns at once. */
  enqueue(event: EventEnvelope): void {
    this.buffer.push(event);
    this.timer ??= setTimeout(() => this.track(this.flush()), ENQUEUE_FLUSH_MS);
  }

  /** Tells `listener` whenever this process has stored new deliveries, so they go out at once. */
  onQueued(listener: () => void): () => void {
    return this.queue.onQueued(listener);
  }

  /** Whether any webhook is registered, from a copy of the list at most `maxAgeMs` old. */
  async anyRegistered(maxAgeMs: number): Promise<boolean> {
    return (await this.matchingHooks(maxAgeMs)).length > 0;
  }

  /** Writes the queued events' deliveries now (shutdown, tests). */
  async drain(): Promise<void> {
    if (this.timer) this.track(this.flush());
    await Promise.all([...this.pending]);
  }

  /** URL and decrypted secret of a webhook, or null if it is gone (cached briefly). */
  async target(webhookId: string): Promise<WebhookTarget | null> {
    const cached = this.targets.get(webhookId);
    if (cached && Date.now() - cached.at < TARGET_CACHE_MS) return cached.target;
    const doc = await WebhookModel.findById(webhookId).lean();
    const target = doc ? { url: doc.url, secret: this.box.open(doc.secretCiphertext, webhookId) } : null;
    this.targets.set(webhookId, { at: Date.now(), target });
    return target;
  }

  private track(p: Promise<void>): void {
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
  }

  private async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const events = this.buffer;
    this.buffer = [];
    try {
      const hooks = await this.matchingHooks();
      const now = this.clock();
      const docs = events.flatMap((e) =>
        hooks
          .filter((h) => h.types.includes(e.type))
          .map((h) => ({ webhookId: h.id, eventId: e.id, type: e.type, sessionId: e.sessionId, body: JSON.stringify(e), nextAttemptAt: now })),
      );
      await this.queue.add(docs);
    } catch (err) {
      if (!isDuplicateKey(err)) this.logger.error({ err, events: events.length }, 'could not queue webhook deliveries');
    }
  }

  private matchingHooks(maxAgeMs = HOOKS_CACHE_MS): Promise<{ id: Types.ObjectId; types: string[] }[]> {
    if (!this.hooks || Date.now() - this.hooks.at > maxAgeMs) {
      const list = WebhookModel.find({}, { types: 1 })
        .lean()
        .then((rows) => rows.map((r) => ({ id: r._id, types: r.types })));
      this.hooks = { at: Date.now(), list };
      list.catch(() => (this.hooks = null));
    }
    return this.hooks.list;
  }
}
