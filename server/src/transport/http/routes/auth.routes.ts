import { Router } from 'express';
import * as op from '../../../../../shared/src/contract/auth';
import { guardedLogin } from '../../../domain/operators/login-guard';
import type { Services } from '../../../services';
import { authenticate, type AuthenticateDeps } from '../auth';
import { contractRouter } from '../contract-router';

/** What these handlers use of the services. */
export type AuthDeps = Pick<Services, 'limits' | 'operators'> & AuthenticateDeps;

/** /v1/auth: login (limited per address, wrong passwords per address + email: see login-guard), who am I, my status. */
export function authRoutes(s: AuthDeps): Router {
  const open = contractRouter('/v1/auth');
  open.route(op.login, async ({ body: { email, password }, req }) => guardedLogin(s.operators, s.limits, { email, password, address: req.ip ?? 'unknown' }));
  const signedIn = contractRouter('/v1/auth');
  signedIn.route(op.getMe, ({ principal }) => ({ operator: principal.operator }));
  signedIn.route(op.patchMe, async ({ principal, body }) => ({ operator: await s.operators.patch(principal.operator.id, body) }));
  const r = Router();
  r.use(open.build());
  r.use(authenticate(s));
  r.use(signedIn.build());
  return r;
}
