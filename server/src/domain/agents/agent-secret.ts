import { randomBytes } from 'node:crypto';
import type { SecretBox } from '../secrets/secret-box';

/** What `SecretBox.seal` produces: `v1.<iv>.<tag>.<data>`. */
const SEALED = /^v1\.[\w-]+\.[\w-]+\.[\w-]*$/;

/**
 * One kind of HMAC key an agent holds and the server must use: its identity secret (the key of
 * `data-customer-hash`) or its call-escalation secret (signs voice-platform requests). So they
 * are encrypted rather than hashed, bound to their agent and kind. Secrets stored in plain text
 * by earlier versions are still read.
 */
export class AgentSecret {
  constructor(
    private readonly box: SecretBox,
    private readonly kind: 'identity' | 'call',
  ) {}

  seal(agentId: string, secret: string): string {
    return this.box.seal(secret, this.boundTo(agentId));
  }

  /** A new random secret: what to store, and the secret itself. */
  generate(agentId: string): { stored: string; secret: string } {
    const secret = randomBytes(32).toString('hex');
    return { stored: this.seal(agentId, secret), secret };
  }

  /** The secret, or undefined when it cannot be read (sealed with another key). */
  open(agentId: string, stored: string | null | undefined): string | undefined {
    if (!stored) return undefined;
    if (!SEALED.test(stored)) return stored;
    try {
      return this.box.open(stored, this.boundTo(agentId));
    } catch {
      return undefined;
    }
  }

  private boundTo(agentId: string): string {
    return `agent-${this.kind}:${agentId}`;
  }
}
