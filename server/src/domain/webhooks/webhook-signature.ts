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

export type HeaderBag = Record<string, string | string[] | undefined> | { get(name: string): string | null };

/** One header from node's `req.headers` or a fetch `Headers`, whatever its case. */
export function header(headers: HeaderBag, name: string): string | undefined {
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

/**
 * Standard Webhooks (https://www.standardwebhooks.com), sent beside Switchboard's own headers
 * on every delivery so receivers can verify with the off-the-shelf libraries:
 *
 *   webhook-id: <the delivery's id, the same on every retry>
 *   webhook-timestamp: <unix seconds>
 *   webhook-signature: v1,<base64 HMAC-SHA256(key, `${id}.${timestamp}.${rawBody}`)>
 *
 * The key is the same as for the Switchboard signature: the UTF-8 bytes of the secret as it
 * was shown (`whsec_…` for webhooks, the agent's call-escalation secret for calls). The
 * libraries take it as `whsec_<base64 of the key>`: see `standardWebhooksSecret`.
 */
export const STANDARD_HEADERS = { id: 'webhook-id', timestamp: 'webhook-timestamp', signature: 'webhook-signature' } as const;

/** A Switchboard secret in the form Standard Webhooks libraries take (`new Webhook(…)`). */
export function standardWebhooksSecret(secret: string): string {
  return `whsec_${Buffer.from(secret, 'utf8').toString('base64')}`;
}

/** The base64 HMAC-SHA256 of `${msgId}.${timestamp}.${rawBody}`. */
export function computeStandardSignature(secret: string, msgId: string, timestamp: number | string, rawBody: string | Buffer): string {
  return createHmac('sha256', secret).update(`${msgId}.${timestamp}.`).update(rawBody).digest('base64');
}

/**
 * How a kind of delivery names Switchboard's own signature: timestamped (webhooks:
 * `v1=<hex HMAC of "timestamp.body">` beside a timestamp header), or over the body alone
 * (call requests, whose `X-Switchboard-Signature` the product contract fixes as the hex HMAC
 * of the body; their timestamped, replay-proof signature is the Standard Webhooks one).
 */
export type SignatureScheme = { timestamp: string; signature: string } | { bodySignature: string };

/** The hex HMAC-SHA256 of the raw body alone (call requests' contract signature). */
export function computeBodySignature(secret: string, rawBody: string | Buffer): string {
  return createHmac('sha256', secret).update(rawBody).digest('hex');
}

/** Both schemes' headers for one attempt. */
export function signedHeaders(scheme: SignatureScheme, secret: string, msgId: string, timestamp: number, rawBody: string): Record<string, string> {
  const own =
    'bodySignature' in scheme
      ? { [scheme.bodySignature]: computeBodySignature(secret, rawBody) }
      : { [scheme.timestamp]: String(timestamp), [scheme.signature]: signatureHeader(secret, timestamp, rawBody) };
  return {
    ...own,
    [STANDARD_HEADERS.id]: msgId,
    [STANDARD_HEADERS.timestamp]: String(timestamp),
    [STANDARD_HEADERS.signature]: `v1,${computeStandardSignature(secret, msgId, timestamp, rawBody)}`,
  };
}
