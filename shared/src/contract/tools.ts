/** An agent's tools (admins: try one, re-list MCP servers) and deciding tool calls (staff). */
import { z } from 'zod';
import * as s from '../schemas';
import * as d from './dtos';
import { idParams, obj, ok } from './common';
import { defineArea, defineOperation } from './operation';
import { SESSION as one } from './sessions';

const toolParams = z.object({ id: s.objectId, name: z.string().regex(s.TOOL_NAME_PATTERN, 'is not a tool name') });
const toolCallParams = z.object({ id: s.objectId, toolCallId: s.toolCallIdSchema });

export const testTool = defineOperation({ method: 'post', path: '/v1/agents/{id}/tools/{name}/test', tag: 'tools', summary: 'Call one of the agent’s tools with sample arguments (checked against its parameters); nothing is stored', access: 'admin', body: s.toolTestSchema, params: toolParams, responses: ok('how the call went', obj({ ok: z.boolean(), status: z.number().int().nullable(), durationMs: z.number(), result: z.unknown().describe('the answer (parsed JSON) when ok, else why it failed') })) });
export const refreshMcpServers = defineOperation({ method: 'post', path: '/v1/agents/{id}/mcp-servers/refresh', tag: 'tools', summary: 'List the tools of the agent’s MCP servers again (a server that fails keeps none and says why in `error`)', access: 'admin', params: idParams, responses: ok('the agent', obj({ agent: d.agentDto })) });
export const approveToolCall = defineOperation({ method: 'post', path: `${one}/tool-calls/{toolCallId}/approve`, tag: 'tools', summary: 'Approve a tool call waiting for approval, optionally with edited arguments (checked again); the tool runs and the AI replies', access: 'staff', body: s.toolApproveSchema, params: toolCallParams, responses: ok('the tool message, now running', obj({ message: d.messageDto })), errors: [409] });
export const denyToolCall = defineOperation({ method: 'post', path: `${one}/tool-calls/{toolCallId}/deny`, tag: 'tools', summary: 'Deny a tool call waiting for approval; the AI is given the reason and replies', access: 'staff', body: s.toolDenySchema, params: toolCallParams, responses: ok('the tool message, denied', obj({ message: d.messageDto })), errors: [409] });

export const toolsOperations = defineArea({ testTool, refreshMcpServers, approveToolCall, denyToolCall });
