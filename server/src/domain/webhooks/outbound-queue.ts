import type { Types } from 'mongoose';
import { WebhookDeliveryModel } from '../../db/models/webhook-delivery.model';
import type { SignatureScheme } from './webhook-signature';

/** What a delivery is for: an event to a webhook, or a call request to a voice platform. */
export type DeliveryKind = 'webhook' | 'call';

/** A new delivery, as a producer hands it to the queue. */
export interface NewDelivery {
  kind?: DeliveryKind;
  webhookId?: Types.ObjectId;
  callId?: Types.ObjectId;
  eventId: string;
  type: string;
  sessionId: string;
  /** Null when the first attempt writes it (a call request's chat summary). */
  body: string | null;
  nextAttemptAt: Date;
}

/** A delivery as the dispatcher claimed it. */
export interface QueuedDelivery {
  _id: Types.ObjectId;
  kind?: DeliveryKind | null;
  webhookId: Types.ObjectId | null;
  callId: Types.ObjectId | null;
  eventId: string;
  type: string;
  sessionId: string;
  body: string | null;
  attempts: unknown[];
}

/** Where one delivery goes and how it is signed, resolved at send time (URLs and secrets may change). */
export interface ResolvedTarget {
  url: string;
  /** The HMAC key of both signatures (Switchboard's and Standard Webhooks'). */
  secret: string;
  /** How Switchboard's own signature is named (and whether it is timestamped) for this kind. */
  scheme: SignatureScheme;
  /** Further headers (ids, the event type). */
  headers: Record<string, string>;
  /** The body to store and send, when the delivery has none yet. */
  body?: string;
}

/** One kind of delivery's target: the dispatcher asks it where to send and tells it how it went. */
export interface DeliveryTarget {
  /** Null when there is nothing to send any more (the webhook was deleted, the call moved on). */
  resolve(d: QueuedDelivery): Promise<ResolvedTarget | null>;
  /** Delays between attempts for this kind; the dispatcher's own schedule otherwise. */
  retryScheduleMs?: number[];
  /** Told of each attempt's outcome; `final` when no retry follows. */
  attempted?(d: QueuedDelivery, error: string | null, final: boolean): Promise<void>;
}

/**
 * The one owner of outbound signed deliveries: producers (webhook events, call escalation)
 * store them here, durably, and the dispatchers of this process are told at once; a
 * dispatcher in any process sends, signs and retries them.
 */
export class OutboundQueue {
  private readonly listeners = new Set<() => void>();

  /** Stores the deliveries (duplicates of an event per webhook are refused by a unique index). */
  async add(docs: NewDelivery[]): Promise<void> {
    if (!docs.length) return;
    try {
      await WebhookDeliveryModel.insertMany(docs, { ordered: false });
    } finally {
      this.listeners.forEach((listener) => listener());
    }
  }

  /**
   * Sends a given-up delivery once more (a person asked to): one conditional update from
   * `failed` back to `pending`, due now, so two clicks queue it once. The old attempts stay
   * in its log, so the dispatcher's schedule is used up and this is a single attempt.
   * Null when `filter` matches no failed delivery.
   */
  async retryFailed(filter: { _id: Types.ObjectId; webhookId: Types.ObjectId }): Promise<QueuedDelivery | null> {
    const doc = await WebhookDeliveryModel.findOneAndUpdate(
      { ...filter, status: 'failed' },
      { $set: { status: 'pending', nextAttemptAt: new Date(), lockedUntil: new Date(0), lockId: null, completedAt: null, expiresAt: null } },
      { returnDocument: 'after' },
    ).lean<QueuedDelivery>();
    if (doc) this.listeners.forEach((listener) => listener());
    return doc;
  }

  /** Tells `listener` whenever this process has stored new deliveries, so they go out at once. */
  onQueued(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
