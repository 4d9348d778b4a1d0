import { sameSecret } from '../secrets/same-secret';
import { computeStandardSignature, computeWebhookSignature, header, STANDARD_HEADERS, type HeaderBag, type SignatureScheme } from '../webhooks/webhook-signature';

/**
 * The voice platform's reports (inbound) are signed with a timestamp, so a captured report
 * cannot be replayed:
 *
 *   X-Switchboard-Timestamp: <unix seconds>
 *   X-Switchboard-Signature: v1=<hex HMAC-SHA256(secret, `${timestamp}.${rawBody}`)>
 *
 * the same scheme as webhooks' `Switchboard-Signature`; Standard Webhooks headers are accepted
 * instead of these.
 */
export const CALL_HEADERS = { timestamp: 'X-Switchboard-Timestamp', signature: 'X-Switchboard-Signature' } as const;

/**
 * Call requests (outbound) keep the signature the product contract names: `X-Switchboard-Signature`
 * = hex HMAC-SHA256 of the raw body. Their timestamped signature, which lets the platform refuse
 * replays (`webhook-id` seen before, or `webhook-timestamp` too old), is the Standard Webhooks one
 * sent beside it.
 */
export const CALL_REQUEST_SCHEME: SignatureScheme = { bodySignature: CALL_HEADERS.signature };

export type CallSignatureCheck =
  | { ok: true; timestamp: number; replayKey: string }
  | { ok: false; code: 'unauthorized' | 'signature_expired'; message: string };

const refuse = (code: 'unauthorized' | 'signature_expired', message: string): CallSignatureCheck => ({ ok: false, code, message });

/**
 * Checks a voice platform's report: a signature (either scheme) over the timestamp and the raw
 * body, then the timestamp within `toleranceSec` of now. The answer names what identifies this
 * signed report, for the caller to refuse it a second time.
 */
export function checkCallSignature(secret: string, rawBody: Buffer, headers: HeaderBag, toleranceSec: number, nowSec: number): CallSignatureCheck {
  const standard = header(headers, STANDARD_HEADERS.signature);
  return standard !== undefined ? checkStandard(secret, rawBody, headers, standard, toleranceSec, nowSec) : checkSwitchboard(secret, rawBody, headers, toleranceSec, nowSec);
}

function checkSwitchboard(secret: string, rawBody: Buffer, headers: HeaderBag, toleranceSec: number, nowSec: number): CallSignatureCheck {
  const signature = header(headers, CALL_HEADERS.signature);
  const timestamp = header(headers, CALL_HEADERS.timestamp);
  if (!signature) return refuse('unauthorized', `the report is not signed (${CALL_HEADERS.signature})`);
  if (!timestamp || !/^\d{1,12}$/.test(timestamp)) {
    return refuse('unauthorized', `a timestamped signature is required: send ${CALL_HEADERS.timestamp} (unix seconds) and sign "<timestamp>.<body>"`);
  }
  const expected = computeWebhookSignature(secret, timestamp, rawBody);
  const matches = signature
    .split(',')
    .map((part) => part.trim().replace(/^(v1|sha256)=/, '').toLowerCase())
    .some((hex) => sameSecret(hex, expected));
  if (!matches) return refuse('unauthorized', 'the signature does not match');
  return fresh(Number(timestamp), toleranceSec, nowSec) ?? { ok: true, timestamp: Number(timestamp), replayKey: `sig:${expected}` };
}

function checkStandard(secret: string, rawBody: Buffer, headers: HeaderBag, signature: string, toleranceSec: number, nowSec: number): CallSignatureCheck {
  const msgId = header(headers, STANDARD_HEADERS.id);
  const timestamp = header(headers, STANDARD_HEADERS.timestamp);
  if (!msgId || !timestamp || !/^\d{1,12}$/.test(timestamp)) return refuse('unauthorized', `${STANDARD_HEADERS.id} and ${STANDARD_HEADERS.timestamp} are required with ${STANDARD_HEADERS.signature}`);
  const expected = computeStandardSignature(secret, msgId, timestamp, rawBody);
  const matches = signature
    .split(' ')
    .filter((part) => part.startsWith('v1,'))
    .some((part) => sameSecret(part.slice(3), expected));
  if (!matches) return refuse('unauthorized', 'the signature does not match');
  return fresh(Number(timestamp), toleranceSec, nowSec) ?? { ok: true, timestamp: Number(timestamp), replayKey: `id:${msgId}` };
}

function fresh(timestamp: number, toleranceSec: number, nowSec: number): CallSignatureCheck | null {
  if (Math.abs(nowSec - timestamp) <= toleranceSec) return null;
  return refuse('signature_expired', `the signature's timestamp is more than ${toleranceSec} s from now: sign each report when it is sent`);
}
