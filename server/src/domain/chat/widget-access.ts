import { createHmac, randomBytes } from 'node:crypto';
import { sameSecret } from '../secrets/same-secret';
import type { PublicAgentDto, SessionDto } from '../../../../shared/src/contract/types';
import type { AgentDoc } from '../../db/models/agent.model';
import type { AgentService } from '../agents/agent.service';
import { toPublicAgentDto } from '../agents/agent.mapper';
import { AppError } from '../app-error';
import type { SessionService } from '../sessions/session.service';
import type { Logger } from '../../logger';

export interface WidgetHandshake {
  agentId: string;
  customerToken?: string;
  customerId?: string;
  customerHash?: string;
  metadata?: Record<string, unknown>;
  origin: string | undefined;
  ip: string;
}

export interface WidgetAccess {
  session: SessionDto;
  /** True when this handshake started the session (nobody else can have touched it yet). */
  created: boolean;
  customerToken: string;
  agent: PublicAgentDto;
}

/** HMAC-SHA256 of the customer id with the agent's identity secret, hex: `data-customer-hash`. */
export function customerHash(customerId: string, secret: string): string {
  return createHmac('sha256', secret).update(customerId).digest('hex');
}

function hashMatches(expected: string, given: string): boolean {
  return sameSecret(given.toLowerCase(), expected);
}

/** An agent's `allowedOrigins`: empty allows any site; otherwise the Origin must be listed. */
export function originAllowed(agent: AgentDoc, origin: string | undefined): boolean {
  const allowed = agent.allowedOrigins ?? [];
  if (allowed.length === 0 || allowed.includes('*')) return true;
  return origin !== undefined && allowed.includes(origin);
}

/**
 * Decides who a widget connection is: resumes the session its token names (only within the
 * same agent), or starts a new one. A customer id is taken only with a valid hash, so one
 * visitor can never claim another's identity (and memory).
 */
export class WidgetAccessService {
  constructor(
    private readonly agents: AgentService,
    private readonly sessions: SessionService,
    private readonly logger?: Logger,
  ) {}

  async connect(h: WidgetHandshake): Promise<WidgetAccess> {
    const agent = await this.agents.getDoc(h.agentId);
    if (!originAllowed(agent, h.origin)) throw new AppError('origin_not_allowed', `origin ${h.origin ?? '(none)'} may not use this agent`);
    if (h.customerToken) {
      const session = await this.sessions.findByCustomerToken(h.customerToken);
      if (!session || session.agentId !== h.agentId) throw new AppError('unauthorized', 'this customer token is not valid for this agent');
      return { session, created: false, customerToken: h.customerToken, agent: toPublicAgentDto(agent) };
    }
    const customerId = this.customerIdFor(agent, h);
    const { session, customerToken } = await this.sessions.create({ agentId: h.agentId, customerId, metadata: h.metadata, channel: 'web' }, { ip: h.ip, viaApiKey: false });
    return { session, created: true, customerToken, agent: toPublicAgentDto(agent) };
  }

  /** The verified customer id, or an anonymous visitor's: an id without a valid hash is not taken. */
  private customerIdFor(agent: AgentDoc, h: WidgetHandshake): string {
    const secret = this.agents.identitySecretOf(agent);
    const verified = h.customerId && h.customerHash && secret && hashMatches(customerHash(h.customerId, secret), h.customerHash);
    if (verified) return h.customerId as string;
    // The integrator's signing is wrong (or missing): say so, since the visitor only looks anonymous.
    if (h.customerId) this.logger?.warn({ agentId: h.agentId, hash: h.customerHash ? 'wrong' : 'missing' }, 'widget customerId not verified by customerHash: the visitor is anonymous');
    return `visitor_${randomBytes(8).toString('hex')}`;
  }
}
