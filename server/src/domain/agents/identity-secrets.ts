import { randomBytes } from 'node:crypto';
import type { SecretBox } from '../secrets/secret-box';

/**
 * Agents' identity secrets: the HMAC key of `data-customer-hash`. The server must use them, so
 * they are encrypted rather than hashed, bound to their agent. Secrets stored in plain text
 * by earlier versions (64 hex characters, never a sealed value's `v1.…`) are still read.
 */
export class IdentitySecrets {
  constructor(private readonly box: SecretBox) {}

  /** A new random secret: what to store, and the secret itself. */
  generate(agentId: string): { stored: string; secret: string } {
    const secret = randomBytes(32).toString('hex');
    return { stored: this.box.seal(secret, boundTo(agentId)), secret };
  }

  /** The secret, or undefined when it cannot be read (sealed with another key). */
  open(agentId: string, stored: string): string | undefined {
    if (!stored.includes('.')) return stored;
    try {
      return this.box.open(stored, boundTo(agentId));
    } catch {
      return undefined;
    }
  }
}

const boundTo = (agentId: string): string => `agent-identity:${agentId}`;
