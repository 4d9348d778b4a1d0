import { randomBytes } from 'node:crypto';
import type { SecretBox } from '../secrets/secret-box';

/** What `SecretBox.seal` produces: `v1.<iv>.<tag>.<data>`. */
const SEALED = /^v1\.[\w-]+\.[\w-]+\.[\w-]*$/;

/**
 * One kind of secret an agent holds and the server must use, so it is encrypted rather than
 * hashed: its identity secret (the key of `data-customer-hash`), its call-escalation secret
 * (signs voice-platform requests) or its model API key. Each is bound to its agent and kind,
 * and to a `scope` where one is given (an API key to its endpoint), so a copy moved elsewhere
 * does not open. Secrets stored in plain text by earlier versions are still read.
 */
export class AgentSecret {
  constructor(
    private readonly box: SecretBox,
    private readonly kind: 'identity' | 'call' | 'api-key' | 'tool' | 'mcp',
  ) {}

  seal(agentId: string, secret: string, scope = ''): string {
    return this.box.seal(secret, this.boundTo(agentId, scope));
  }

  /** A new random secret: what to store, and the secret itself. */
  generate(agentId: string): { stored: string; secret: string } {
    const secret = randomBytes(32).toString('hex');
    return { stored: this.seal(agentId, secret), secret };
  }

  /** The secret, or undefined when there is none or it cannot be read (sealed for another scope, or with another key). */
  open(agentId: string, stored: string | null | undefined, scope = ''): string | undefined {
    if (!stored) return undefined;
    if (!SEALED.test(stored)) return stored;
    try {
      return this.box.open(stored, this.boundTo(agentId, scope));
    } catch {
      return undefined;
    }
  }

  private boundTo(agentId: string, scope: string): string {
    return `agent-${this.kind}:${agentId}|${scope}`;
  }
}
