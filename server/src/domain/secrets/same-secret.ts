import { timingSafeEqual } from 'node:crypto';

/** Compares a secret (a token, an HMAC in hex) with the one expected in constant time. */
export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
