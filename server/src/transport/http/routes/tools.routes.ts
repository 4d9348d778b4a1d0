import * as op from '../../../../../shared/src/contract/tools';
import type { Services } from '../../../services';
import { actorOfPrincipal } from '../auth';
import type { ContractRouter } from '../contract-router';

/** What these handlers use of the services. */
export type ToolsDeps = Pick<Services, 'approvals' | 'toolAdmin'>;

/** Deciding tool calls over REST (staff: an operator login or an API key); same rules as `tool:approve` / `tool:deny`. Admins: try a tool, re-list the MCP servers' tools. */
export function toolsRoutes(api: ContractRouter, s: ToolsDeps): void {
  api.route(op.approveToolCall, async ({ params: { id, toolCallId }, body: { arguments: args }, principal }) => {
    const actor = actorOfPrincipal(principal);
    return { message: await s.approvals.approve(id, toolCallId, { id: actor.id, name: actor.name }, args) };
  });
  api.route(op.denyToolCall, async ({ params: { id, toolCallId }, body: { reason }, principal }) => {
    const actor = actorOfPrincipal(principal);
    return { message: await s.approvals.deny(id, toolCallId, { id: actor.id, name: actor.name }, reason) };
  });
  api.route(op.testTool, async ({ params: { id, name }, body: { arguments: args } }) => s.toolAdmin.test(id, name, args));
  api.route(op.refreshMcpServers, async ({ params: { id } }) => ({ agent: await s.toolAdmin.refreshMcp(id) }));
}
