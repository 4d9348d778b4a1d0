import type { Router } from 'express';
import type { Services } from '../../../services';
import { contractRouter, type ContractRouter } from '../contract-router';
import { agentsRoutes } from './agents.routes';
import { apiKeysRoutes } from './api-keys.routes';
import { attachmentsRoutes } from './attachments.routes';
import { sessionCallsRoutes } from './calls.routes';
import { cannedRepliesRoutes } from './canned-replies.routes';
import { insightsRoutes } from './insights.routes';
import { knowledgeRoutes } from './knowledge.routes';
import { toolsRoutes } from './tools.routes';
import { webhooksRoutes } from './webhooks.routes';
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
  apiKeysRoutes(api, s);
  webhooksRoutes(api, s.webhooks);
  knowledgeRoutes(api, s.knowledge);
  toolsRoutes(api, s);
  sessionCallsRoutes(api, s);
  cannedRepliesRoutes(api, s);
  attachmentsRoutes(api, s);
  insightsRoutes(api, s);
}

/** The authenticated /v1 operations as one Express router (mounted under /v1, after authentication). */
export function v1Routes(s: Services): Router {
  const api = contractRouter('/v1');
  mountV1(api, s);
  return api.build();
}
