/** /v1/agents: configuration. Operators read; admins and API keys write. */
import { z } from 'zod';
import * as s from '../schemas';
import * as d from './dtos';
import { created, noContent, obj, ok } from './common';
import { defineArea, defineOperation } from './operation';

export const createAgent = defineOperation({ method: 'post', path: '/v1/agents', tag: 'agents', summary: 'Create an agent', access: 'admin', body: s.agentCreateSchema, responses: created('the agent', obj({ agent: d.agentDto })) });
export const listAgents = defineOperation({ method: 'get', path: '/v1/agents', tag: 'agents', summary: 'List agents', access: 'staff', responses: ok('agents', obj({ agents: z.array(d.agentDto) })) });
export const getAgent = defineOperation({ method: 'get', path: '/v1/agents/{id}', tag: 'agents', summary: 'One agent', access: 'staff', responses: ok('the agent', obj({ agent: d.agentDto })) });
export const patchAgent = defineOperation({ method: 'patch', path: '/v1/agents/{id}', tag: 'agents', summary: 'Change an agent (only the fields sent)', access: 'admin', body: s.agentPatchSchema, responses: ok('the agent', obj({ agent: d.agentDto })) });
export const deleteAgent = defineOperation({ method: 'delete', path: '/v1/agents/{id}', tag: 'agents', summary: 'Delete an agent', access: 'admin', responses: noContent });
export const getIdentitySecret = defineOperation({ method: 'get', path: '/v1/agents/{id}/identity-secret', tag: 'agents', summary: "The agent's identity secret: `data-customer-hash` is the hex HMAC-SHA256 of the customer id with it", access: 'admin', responses: ok('the secret', obj({ identitySecret: z.string() })) });
export const rotateIdentitySecret = defineOperation({ method: 'post', path: '/v1/agents/{id}/identity-secret', tag: 'agents', summary: 'Rotate the identity secret (hashes made with the old one stop verifying)', access: 'admin', responses: ok('the new secret', obj({ identitySecret: z.string() })) });

export const agentsOperations = defineArea({ createAgent, listAgents, getAgent, patchAgent, deleteAgent, getIdentitySecret, rotateIdentitySecret });
