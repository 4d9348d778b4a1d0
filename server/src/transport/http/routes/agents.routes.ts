import * as op from '../../../../../shared/src/contract/agents';
import type { Services } from '../../../services';
import type { ContractRouter } from '../contract-router';

/** What these handlers use of the services. */
export type AgentsDeps = Pick<Services, 'agents' | 'leads'>;

/** /v1/agents: configuration. Operators read; admins and API keys write. */
export function agentsRoutes(api: ContractRouter, s: AgentsDeps): void {
  api.route(op.createAgent, async ({ body }) => ({ agent: await s.agents.create(body) }));
  api.route(op.listAgents, async () => ({ agents: await s.agents.list() }));
  api.route(op.getAgent, async ({ params: { id } }) => ({ agent: await s.agents.get(id) }));
  api.route(op.patchAgent, async ({ params: { id }, body }) => {
    const agent = await s.agents.patch(id, body);
    if (body.fields) await s.leads.agentFieldsChanged(agent.id);
    return { agent };
  });
  // The HMAC key of data-customer-hash: admins hand it to the backend that signs customer ids.
  api.route(op.getIdentitySecret, async ({ params: { id } }) => ({ identitySecret: await s.agents.identitySecret(id) }));
  api.route(op.rotateIdentitySecret, async ({ params: { id } }) => ({ identitySecret: await s.agents.rotateIdentitySecret(id) }));
  api.route(op.deleteAgent, async ({ params: { id } }) => {
    await s.agents.remove(id);
  });
}
