import { createHmac } from 'node:crypto';
import { sameSecret } from '../secrets/same-secret';

/**
 * How Switchboard signs webhook deliveries (documented in docs/developers.md):
 *
 *   Switchboard-Timestamp: <unix seconds when this attempt was sent>
 *   Switchboard-Signature: v1=<hex HMAC-SHA256(secret, `${timestamp}.${rawBody}`)>
 *
 * The timestamp is inside the signed bytes, so a captured request cannot be replayed later
 * with a fresh timestamp; receivers refuse timestamps older than a tolerance (5 minutes).
 * Several `v1=` values may appear, comma-separated (room for secret rotation).
 */
export const WEBHOOK_HEADERS = {
  webhookId: 'Switchboard-Webhook-Id',
  eventId: 'Switchboard-Event-Id',
  eventType: 'Switchboard-Event-Type',
  timestamp: 'Switchboard-Timestamp',
  signature: 'Switchboard-Signature',
} as const;

export const DEFAULT_TOLERANCE_SEC = 300;

/** The hex HMAC-SHA256 of `${timestamp}.${rawBody}` with the webhook's secret. */
export function computeWebhookSignature(secret: string, timestamp: number | string, rawBody: string | Buffer): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex');
}

/** The header value for one attempt: `v1=<hex>`. */
export function signatureHeader(secret: string, timestamp: number, rawBody: string): string {
  return `v1=${computeWebhookSignature(secret, timestamp, rawBody)}`;
}

type HeaderBag = Record<string, string | string[] | undefined> | { get(name: string): string | null };

function header(headers: HeaderBag, name: string): string | undefined {
  if (typeof (headers as { get?: unknown }).get === 'function') return (headers as { get(n: string): string | null }).get(name) ?? undefined;
  const bag = headers as Record<string, string | string[] | undefined>;
  const value = bag[name] ?? bag[name.toLowerCase()] ?? Object.entries(bag).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Verifies a delivery as a receiver would: the signature matches the raw body (the exact
 * bytes received, before any JSON parsing) and the timestamp is within `toleranceSec` of now.
 * Accepts node's `req.headers` or a fetch `Headers`.
 */
export function verifyWebhookSignature(
  secret: string,
  rawBody: string | Buffer,
  headers: HeaderBag,
  toleranceSec = DEFAULT_TOLERANCE_SEC,
  nowSec = Math.floor(Date.now() / 1000),
): boolean {
  const timestamp = header(headers, WEBHOOK_HEADERS.timestamp);
  const signature = header(headers, WEBHOOK_HEADERS.signature);
  if (!timestamp || !signature || !/^\d+$/.test(timestamp)) return false;
  if (Math.abs(nowSec - Number(timestamp)) > toleranceSec) return false;
  const expected = computeWebhookSignature(secret, timestamp, rawBody);
  return signature
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.startsWith('v1='))
    .some((part) => sameSecret(part.slice(3), expected));
}
