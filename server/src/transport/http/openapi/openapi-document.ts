/**
 * Builds the OpenAPI 3.1 document from the contract (shared/src/contract/). All schemas go through one zod
 * registry and one `z.toJSONSchema` call, so shared shapes become `$ref`s into
 * components.schemas; one-off wrappers are inlined back into their operations.
 */
import { z } from 'zod';
import * as shared from '../../../../../shared/src/schemas';
import * as dtos from '../../../../../shared/src/contract/dtos';
import type { Operation } from '../../../../../shared/src/contract/operation';
import { PATH_PARAMS } from '../../../../../shared/src/contract/common';
import { CONTRACT as OPERATIONS, TAGS } from '../../../../../shared/src/contract';
import { outboundWebhooks, SIGNED_CALLBACK_HEADERS, SIGNED_CALLBACK_TEXT } from './outbound-webhooks';

type Json = Record<string, unknown>;

const ERROR_RESPONSES: Record<number, [name: string, description: string]> = {
  400: ['BadRequest', 'invalid_request: the field is named in error.field'],
  401: ['Unauthorized', 'unauthorized: missing, invalid, expired or revoked credential; on signed callbacks also signature_expired or signature_replayed'],
  403: ['Forbidden', 'forbidden, or command_disabled for a support command the agent disables'],
  404: ['NotFound', 'not_found'],
  409: ['Conflict', 'conflict, session_closed, already_in_support or not_in_support'],
  413: ['PayloadTooLarge', 'message_too_large or payload_too_large'],
  429: ['RateLimited', 'rate_limited: wait error.retryAfter seconds (also the Retry-After header)'],
  502: ['LlmUnavailable', 'llm_unavailable: the model provider failed'],
  503: ['Unavailable', 'store_unavailable: the database is not answering; nothing was saved'],
};

const ACCESS_TEXT: Record<Operation['access'], string> = {
  public: 'No credential.',
  signed: SIGNED_CALLBACK_TEXT,
  staff: 'An API key or an operator login token.',
  admin: 'An API key or an admin operator’s login token.',
  operator: 'An operator login token.',
  staffOrCustomer: 'An API key, an operator login token, or the session’s customer token (cst_…).',
};

/** Named component schemas: shared `fooBarSchema` → `FooBar`, contract/dtos.ts `fooDto` → `Foo`. */
function namedSchemas(): Map<z.ZodType, string> {
  const names = new Map<z.ZodType, string>();
  const pascal = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  for (const [key, value] of Object.entries(shared)) if (key.endsWith('Schema') && value instanceof z.ZodType) names.set(value, pascal(key.slice(0, -6)));
  for (const [key, value] of Object.entries(dtos)) {
    if (!(value instanceof z.ZodType)) continue;
    names.set(value, pascal(key.replace(/(Dto|Schema)$/, '')));
  }
  names.set(shared.objectId, 'ObjectId');
  return names;
}

function strip(schema: unknown): Json {
  const { $schema: _s, $id: _i, ...rest } = schema as Json;
  return rest;
}

export const toOpenApiPath = (expressPath: string) => expressPath.replace(/:(\w+)/g, '{$1}');
const operationId = (op: Operation) =>
  op.method + op.path.replace(/^\/v1/, '').split(/[/{}.-]+/).filter(Boolean).map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('');

/** The whole document; `serverUrl` is where this server answers. */
export function buildOpenApiDocument(serverUrl?: string): Json {
  const names = namedSchemas();
  const registry = z.registry<{ id: string }>();
  const inline = new Set<string>();
  const idOf = (schema: z.ZodType, fallback: string): string => {
    let id = names.get(schema);
    if (!id) {
      id = `__inline_${fallback}`;
      names.set(schema, id);
      inline.add(id);
    }
    if (!registry.has(schema)) registry.add(schema, { id });
    return id;
  };
  for (const schema of names.keys()) idOf(schema, '');
  Object.values(PATH_PARAMS).forEach((p, i) => idOf(p, `param${i}`));
  OPERATIONS.forEach((op, i) => {
    if (op.body) idOf(op.body, `${i}_body`);
    if (op.query) idOf(op.query, `${i}_query`);
    for (const [status, r] of Object.entries(op.responses)) if (r.schema) idOf(r.schema, `${i}_${status}`);
  });

  const converted = z.toJSONSchema(registry, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any', uri: (id) => `#/components/schemas/${id}` });
  const all = Object.fromEntries(Object.entries(converted.schemas).map(([k, v]) => [k, strip(v)]));
  const ref = (schema: z.ZodType): Json => {
    const id = names.get(schema) as string;
    return inline.has(id) ? (all[id] as Json) : { $ref: `#/components/schemas/${id}` };
  };
  const components = Object.fromEntries(Object.entries(all).filter(([k]) => !inline.has(k)));

  const paths: Record<string, Record<string, Json>> = {};
  for (const op of OPERATIONS) (paths[op.path] ??= {})[op.method] = operation(op, ref, all, names);

  return {
    openapi: '3.1.0',
    info: {
      title: 'Switchboard API',
      version: '1.0.0',
      description:
        'Real-time chat backend for AI agents that humans supervise. Errors always look like {"error": {"code", "message", "field"?, "retryAfter"?}}. Live events: Socket.IO namespace /events (see docs/developers.md).',
    },
    servers: serverUrl ? [{ url: serverUrl }] : [],
    security: [{ bearer: [] }],
    tags: [...new Set([...TAGS, ...OPERATIONS.map((o) => o.tag)])].filter((tag) => OPERATIONS.some((o) => o.tag === tag)).map((name) => ({ name })),
    paths,
    webhooks: outboundWebhooks(),
    components: {
      schemas: components,
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'Authorization: Bearer <API key sk_… | operator login token | customer token cst_…>' },
      },
      responses: {
        ...Object.fromEntries(Object.values(ERROR_RESPONSES).map(([name, description]) => [name, errorResponse(description)])),
        Error: errorResponse('any other error (internal: 500)'),
      },
    },
  };
}

function errorResponse(description: string): Json {
  return { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } } };
}

function operation(op: Operation, ref: (s: z.ZodType) => Json, all: Record<string, Json>, names: Map<z.ZodType, string>): Json {
  const pathParams = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
  const parameters: Json[] = pathParams.map((name) => ({ name, in: 'path', required: true, schema: ref(PATH_PARAMS[name] ?? z.string()) }));
  if (op.query) {
    const q = all[names.get(op.query) as string] as { properties?: Record<string, Json>; required?: string[] };
    for (const [name, schema] of Object.entries(q.properties ?? {})) parameters.push({ name, in: 'query', required: q.required?.includes(name) ?? false, schema });
  }
  if (op.access === 'signed') parameters.push(...SIGNED_CALLBACK_HEADERS);

  const responses: Json = {};
  for (const [status, r] of Object.entries(op.responses)) {
    const content: Json = r.schema ? { 'application/json': { schema: ref(r.schema) } } : {};
    if (r.sse) content['text/event-stream'] = { schema: { type: 'string', description: 'server-sent events: message {message, duplicate}, stream:start {messageId, seq}, stream:delta {messageId, index, text}…, stream:end {messageId, status, message}, then done {reply} (or error {error})' } };
    responses[status] = Object.keys(content).length ? { description: r.description, content } : { description: r.description };
  }
  for (const status of errorStatuses(op, pathParams.length > 0)) {
    const [name] = ERROR_RESPONSES[status] ?? [];
    if (name) responses[String(status)] = { $ref: `#/components/responses/${name}` };
  }
  responses.default = { $ref: '#/components/responses/Error' };

  const result: Json = {
    operationId: operationId(op),
    tags: [op.tag],
    summary: op.summary,
    description: ACCESS_TEXT[op.access],
    parameters,
    responses,
  };
  if (op.access === 'public' || op.access === 'signed') result.security = [];
  if (op.body) result.requestBody = { required: true, content: { 'application/json': { schema: ref(op.body) } } };
  return result;
}

function errorStatuses(op: Operation, hasPathParams: boolean): number[] {
  const statuses = new Set<number>(op.errors ?? []);
  if (op.body || op.query || hasPathParams) statuses.add(400);
  if (op.body) statuses.add(413);
  if (op.access !== 'public') statuses.add(401);
  if (op.access === 'admin' || op.access === 'operator' || op.access === 'staff') statuses.add(403);
  if (op.access !== 'public' && op.access !== 'signed') statuses.add(429);
  if (hasPathParams) statuses.add(404);
  return [...statuses].filter((s) => s in ERROR_RESPONSES).sort((a, b) => a - b);
}
