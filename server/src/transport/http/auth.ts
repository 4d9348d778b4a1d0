import type { Request, RequestHandler, Response } from 'express';
import type { OperatorDto } from '../../../../shared/src/contract/types';
import { AppError } from '../../domain/app-error';
import type { VerifiedKey } from '../../domain/api-keys/api-key.service';
import { assertScope, scopesFor } from '../../domain/api-keys/key-scopes';
import type { Services } from '../../services';
import type { Actor } from '../../domain/support/support.service';

export type Principal =
  | { kind: 'apiKey'; key: VerifiedKey }
  | { kind: 'operator'; operator: OperatorDto }
  | { kind: 'customer'; sessionId: string };

export function bearer(req: Request): string | null {
  const header = req.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match ? (match[1] as string) : null;
}

/** Resolves a bearer credential: an API key, an operator login token, or a customer token. */
export async function resolvePrincipal(services: Pick<Services, 'sessions' | 'apiKeys' | 'operators'>, token: string): Promise<Principal | null> {
  if (token.startsWith('cst_')) {
    const session = await services.sessions.findByCustomerToken(token);
    return session ? { kind: 'customer', sessionId: session.id } : null;
  }
  if (token.startsWith('sk_')) {
    const key = await services.apiKeys.verify(token);
    return key ? { kind: 'apiKey', key } : null;
  }
  const operator = await services.operators.verifyToken(token).catch(() => null);
  return operator ? { kind: 'operator', operator } : null;
}

/** Authenticates every /v1 request except the public ones; API keys get their own rate limit. */
/** What authenticating a request uses of the services. */
export type AuthenticateDeps = Pick<Services, 'sessions' | 'apiKeys' | 'operators' | 'limits'>;

export function authenticate(services: AuthenticateDeps): RequestHandler {
  return async (req, res, next) => {
    const token = bearer(req);
    if (!token) throw new AppError('unauthorized', 'send an Authorization: Bearer <api key or login token> header');
    const principal = await resolvePrincipal(services, token);
    if (!principal) throw new AppError('unauthorized', 'the credential is invalid, expired or revoked');
    if (principal.kind === 'apiKey') {
      // Checked on every request with the key as it is now (a revoked key is gone from the cache everywhere at once).
      assertScope(principal.key.scopes, scopesFor(req.method, `${req.baseUrl}${req.path}`));
      await services.limits.consume('apiKey', principal.key.id);
    }
    res.locals.principal = principal;
    next();
  };
}

export function principalOf(res: Response): Principal {
  return res.locals.principal as Principal;
}

/** Staff: an API key or an operator. Customers are refused. */
export function requireStaff(res: Response): Principal & { kind: 'apiKey' | 'operator' } {
  const p = principalOf(res);
  if (p.kind === 'customer') throw new AppError('forbidden', 'this needs an API key or an operator login');
  return p;
}

/** Admin work: an API key or an operator with the admin role. */
export function requireAdmin(res: Response): void {
  const p = requireStaff(res);
  if (p.kind === 'operator' && p.operator.role !== 'admin') throw new AppError('forbidden', 'this needs an admin');
}

/** Who acts, for support commands done over REST (the contract router has checked the principal is staff). */
export function actorOfPrincipal(p: Principal & { kind: 'apiKey' | 'operator' }): Actor {
  return p.kind === 'operator' ? { id: p.operator.id, name: p.operator.name, isOperator: true } : { id: p.key.id, name: 'Support', isOperator: false };
}

/** A customer token may only ever reach its own session. */
export function assertSessionAccess(res: Response, sessionId: string): 'customer' | 'staff' {
  const p = principalOf(res);
  if (p.kind !== 'customer') return 'staff';
  if (p.sessionId !== sessionId) throw new AppError('not_found', 'session not found');
  return 'customer';
}
