import { createHash, randomBytes } from 'node:crypto';

/** Bearer token a visitor holds for one session. Only its hash is stored. */
export function newCustomerToken(): { token: string; hash: string } {
  const token = `cst_${randomBytes(24).toString('base64url')}`;
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
