import type { Router } from 'express';
import type { Services } from '../../../services';
import { contractRouter, type ContractRouter } from '../contract-router';
import { agentsRoutes } from './agents.routes';
import { customersRoutes } from './customers.routes';
import { deskRoutes } from './desk.routes';
import { operatorsRoutes } from './operators.routes';
import { sessionsRoutes } from './sessions.routes';
import { supportRoutes } from './support.routes';

/** Every authenticated /v1 operation's handler, by area (each file mounts its contract entries). */
export function mountV1(api: ContractRouter, s: Services): void {
  sessionsRoutes(api, s);
  supportRoutes(api, s);
  deskRoutes(api, s);
  agentsRoutes(api, s);
  operatorsRoutes(api, s);
  customersRoutes(api, s.memory, s.customers);
}

/** The authenticated /v1 operations as one Express router (mounted under /v1, after authentication). */
export function v1Routes(s: Services): Router {
  const api = contractRouter('/v1');
  mountV1(api, s);
  return api.build();
}
