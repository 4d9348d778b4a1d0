import { createHmac } from 'node:crypto';
import { sameSecret } from '../secrets/same-secret';

/** The header both directions of the voice integration sign with. */
export const SIGNATURE_HEADER = 'x-switchboard-signature';

/** Hex HMAC-SHA256 of the raw body with the agent's call-escalation secret. */
export function signBody(body: string | Buffer, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

/** Constant-time check of a hex signature (an optional `sha256=` prefix is accepted). */
export function verifyBody(body: Buffer, secret: string, signature: string | undefined): boolean {
  if (!signature) return false;
  return sameSecret(signature.replace(/^sha256=/, '').trim().toLowerCase(), signBody(body, secret));
}
