import { Router } from 'express';
import { objectId, TOOL_NAME_PATTERN, toolApproveSchema, toolCallIdSchema, toolDenySchema, toolTestSchema } from '../../../../../shared/src/schemas';
import { z } from 'zod';
import type { Services } from '../../../services';
import { actorOf, requireAdmin } from '../auth';
import { parse } from '../validate';

const toolName = z.string().regex(TOOL_NAME_PATTERN, 'is not a tool name');

/** Deciding tool calls over REST (staff: an operator login or an API key); same rules as `tool:approve` / `tool:deny`. */
export function toolCallsRoutes(s: Services): Router {
  const r = Router();
  const ids = (params: Record<string, unknown>) => ({ sessionId: parse(objectId, params.id, 'id'), toolCallId: parse(toolCallIdSchema, params.toolCallId, 'toolCallId') });
  r.post('/:id/tool-calls/:toolCallId/approve', async (req, res) => {
    const actor = actorOf(res);
    const { sessionId, toolCallId } = ids(req.params);
    const { arguments: args } = parse(toolApproveSchema, req.body);
    res.json({ message: await s.approvals.approve(sessionId, toolCallId, { id: actor.id, name: actor.name }, args) });
  });
  r.post('/:id/tool-calls/:toolCallId/deny', async (req, res) => {
    const actor = actorOf(res);
    const { sessionId, toolCallId } = ids(req.params);
    const { reason } = parse(toolDenySchema, req.body);
    res.json({ message: await s.approvals.deny(sessionId, toolCallId, { id: actor.id, name: actor.name }, reason) });
  });
  return r;
}

/** Admins: try a tool with sample arguments; re-list the MCP servers' tools. */
export function agentToolsRoutes(s: Services): Router {
  const r = Router();
  r.post('/:id/tools/:name/test', async (req, res) => {
    requireAdmin(res);
    const { arguments: args } = parse(toolTestSchema, req.body);
    res.json(await s.toolAdmin.test(parse(objectId, req.params.id, 'id'), parse(toolName, req.params.name, 'name'), args));
  });
  r.post('/:id/mcp-servers/refresh', async (req, res) => {
    requireAdmin(res);
    res.json({ agent: await s.toolAdmin.refreshMcp(parse(objectId, req.params.id, 'id')) });
  });
  return r;
}
