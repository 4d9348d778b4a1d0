import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { httpClient, type HttpClient } from '../support/http-client';
import { startTestServer, type TestServer } from '../support/test-server';
import { createAgent, createSession } from '../support/integrator';

type Json = Record<string, unknown>;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Resolves a local JSON pointer (`#/components/schemas/Agent`) in the document. */
function resolve(doc: Json, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  return ref
    .slice(2)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Json)[key] : undefined), doc);
}

function collectRefs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => collectRefs(n, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else collectRefs(v, out);
    }
  }
  return out;
}

/** A small JSON Schema check (type, required, properties, items, enum, const, anyOf/oneOf, $ref): the path of the first mismatch, or null. */
function mismatch(doc: Json, schema: unknown, value: unknown, path = '$'): string | null {
  const s = schema as Json;
  if (typeof s.$ref === 'string') return mismatch(doc, resolve(doc, s.$ref), value, path);
  for (const key of ['anyOf', 'oneOf'] as const) {
    const options = s[key] as unknown[] | undefined;
    if (options && options.every((o) => mismatch(doc, o, value, path) !== null)) return `${path}: matches none of ${key}`;
  }
  if (s.const !== undefined && s.const !== value) return `${path}: expected ${JSON.stringify(s.const)}`;
  if (Array.isArray(s.enum) && !s.enum.includes(value)) return `${path}: ${JSON.stringify(value)} not in enum`;
  if (s.type !== undefined) {
    const types = Array.isArray(s.type) ? s.type : [s.type];
    const actual = value === null ? 'null' : Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value;
    if (!types.includes(actual) && !(actual === 'integer' && types.includes('number'))) return `${path}: ${actual} is not ${types.join('|')}`;
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const key of (s.required as string[] | undefined) ?? []) if (!(key in value)) return `${path}.${key}: missing`;
    for (const [key, sub] of Object.entries((s.properties as Json | undefined) ?? {})) {
      if (key in value) {
        const hit = mismatch(doc, sub, (value as Json)[key], `${path}.${key}`);
        if (hit) return hit;
      }
    }
  }
  if (Array.isArray(value) && s.items) for (const [i, item] of value.entries()) {
    const hit = mismatch(doc, s.items, item, `${path}[${i}]`);
    if (hit) return hit;
  }
  return null;
}

describe('OpenAPI document and /v1/docs', () => {
  let server: TestServer;
  let admin: HttpClient;
  let doc: Json;
  let paths: Record<string, Record<string, Json>>;

  beforeAll(async () => {
    server = await startTestServer();
    admin = httpClient(server.url, server.masterKey);
    const res = await httpClient(server.url).get<Json>('/v1/openapi.json');
    expect(res.status).toBe(200);
    doc = res.body;
    paths = doc.paths as typeof paths;
  });
  afterAll(() => server.close());

  it('is a structurally valid OpenAPI 3.1 document', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    expect(resolve(doc, '#/components/securitySchemes/bearer')).toEqual(expect.objectContaining({ type: 'http', scheme: 'bearer' }));
    const operationIds = new Set<string>();
    for (const [path, item] of Object.entries(paths)) {
      expect(path.startsWith('/')).toBe(true);
      const templated = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const [method, op] of Object.entries(item)) {
        expect(METHODS).toContain(method);
        const label = `${method} ${path}`;
        expect([label, Object.keys((op.responses as Json) ?? {}).length > 0]).toEqual([label, true]);
        expect(Object.keys(op.responses as Json).some((s) => /^2\d\d$/.test(s))).toBe(true);
        expect(op.operationId).toEqual(expect.any(String));
        expect(operationIds.has(op.operationId as string)).toBe(false);
        operationIds.add(op.operationId as string);
        const params = (op.parameters as Json[]) ?? [];
        for (const name of templated) expect(params).toContainEqual(expect.objectContaining({ name, in: 'path', required: true }));
        for (const p of params) expect(['path', 'query', 'header', 'cookie']).toContain(p.in);
        if (op.requestBody) expect((op.requestBody as { content: Json }).content['application/json']).toBeDefined();
      }
    }
    const refs = collectRefs(doc);
    expect(refs.length).toBeGreaterThan(100);
    const dangling = [...new Set(refs)].filter((ref) => resolve(doc, ref) === undefined);
    expect(dangling).toEqual([]);
    expect(JSON.stringify(doc)).not.toMatch(/\$defs|__inline/);
  });

  it('documents every route of SPEC §3 and the error shape', () => {
    const spec = [
      'post /v1/agents', 'get /v1/agents', 'get /v1/agents/{id}', 'patch /v1/agents/{id}', 'delete /v1/agents/{id}',
      'post /v1/knowledge-bases', 'get /v1/knowledge-bases', 'post /v1/knowledge-bases/{id}/documents',
      'post /v1/operators', 'get /v1/operators', 'patch /v1/operators/{id}', 'delete /v1/operators/{id}', 'post /v1/auth/login', 'get /v1/auth/me',
      'post /v1/api-keys', 'get /v1/api-keys', 'delete /v1/api-keys/{id}',
      'post /v1/webhooks', 'get /v1/webhooks', 'delete /v1/webhooks/{id}', 'get /v1/webhooks/{id}/deliveries',
      'get /v1/customers/{customerId}/memory', 'delete /v1/customers/{customerId}/memory',
      'post /v1/chat/sessions', 'get /v1/chat/sessions', 'get /v1/chat/sessions/stats', 'get /v1/chat/sessions/{id}', 'patch /v1/chat/sessions/{id}',
      'get /v1/chat/sessions/{id}/messages', 'post /v1/chat/sessions/{id}/messages', 'post /v1/chat/sessions/{id}/context',
      ...['whisper', 'tell', 'takeover', 'release', 'close', 'help', 'calls'].map((c) => `post /v1/chat/sessions/{id}/${c}`),
      'delete /v1/chat/sessions/{id}/help', 'post /v1/calls/{callId}/events',
    ];
    const documented = Object.entries(paths).flatMap(([path, item]) => Object.keys(item).map((m) => `${m} ${path}`));
    expect(spec.filter((route) => !documented.includes(route))).toEqual([]);

    expect(resolve(doc, '#/components/schemas/ErrorBody')).toMatchObject({ required: ['error'], properties: { error: { required: ['code', 'message'] } } });
    const list = paths['/v1/chat/sessions']?.get as Json;
    expect((list.parameters as Json[]).map((p) => p.name)).toEqual(expect.arrayContaining(['agentId', 'status', 'mode', 'customerId', 'helpRequested', 'limit', 'cursor']));
    expect(list.responses).toMatchObject({ 400: { $ref: '#/components/responses/BadRequest' }, 401: { $ref: '#/components/responses/Unauthorized' } });
    const send = paths['/v1/chat/sessions/{id}/messages']?.post as { requestBody: { content: { 'application/json': { schema: Json } } }; responses: Record<string, { content?: Json }> };
    expect(resolve(doc, send.requestBody.content['application/json'].schema.$ref as string)).toMatchObject({ required: ['content'] });
    expect(Object.keys(send.responses['201']?.content ?? {})).toEqual(['application/json', 'text/event-stream']);
    expect((paths['/v1/auth/login']?.post as Json).security).toEqual([]);
  });

  it('describes only routes that exist: each answers (401 without a credential where one is needed)', async () => {
    const anonymous = httpClient(server.url);
    const fill = (path: string) => path.replace('{id}', '0123456789abcdef01234567').replace('{customerId}', 'cust-1').replace('{callId}', 'call-1');
    for (const [path, item] of Object.entries(paths)) {
      for (const [method, op] of Object.entries(item)) {
        const res = await anonymous.request<{ error?: { message: string } }>(method.toUpperCase(), fill(path), method === 'get' || method === 'delete' ? undefined : {});
        const label = `${method} ${path}`;
        expect([label, res.body.error?.message ?? '']).not.toEqual([label, expect.stringMatching(/^no route/)]);
        if (!Array.isArray(op.security) || (op.security as unknown[]).length > 0) expect([label, res.status]).toEqual([label, 401]);
      }
    }
  });

  it('matches what the server really answers', async () => {
    const agent = await createAgent(admin);
    const { session } = await createSession(admin, agent.id);
    await admin.post(`/v1/chat/sessions/${session.id}/messages`, { content: 'hi' });
    const hook = await admin.post<{ webhook: { id: string } }>('/v1/webhooks', { url: 'http://127.0.0.1:9/x', types: ['session.created'] });
    const schemaOf = (method: string, path: string, status: string) => {
      const res = (paths[path]?.[method]?.responses as Record<string, { content?: Record<string, { schema: unknown }> }>)[status];
      return res?.content?.['application/json']?.schema;
    };
    const checks: [string, string, string, string][] = [
      ['get', '/v1/agents', '/v1/agents', '200'],
      ['get', '/v1/agents/{id}', `/v1/agents/${agent.id}`, '200'],
      ['get', '/v1/chat/sessions', `/v1/chat/sessions?agentId=${agent.id}`, '200'],
      ['get', '/v1/chat/sessions/stats', '/v1/chat/sessions/stats', '200'],
      ['get', '/v1/chat/sessions/{id}', `/v1/chat/sessions/${session.id}`, '200'],
      ['get', '/v1/chat/sessions/{id}/messages', `/v1/chat/sessions/${session.id}/messages`, '200'],
      ['get', '/v1/api-keys', '/v1/api-keys', '200'],
      ['get', '/v1/operators', '/v1/operators', '200'],
      ['get', '/v1/knowledge-bases', '/v1/knowledge-bases', '200'],
      ['get', '/v1/webhooks', '/v1/webhooks', '200'],
      ['get', '/v1/webhooks/{id}/deliveries', `/v1/webhooks/${hook.body.webhook.id}/deliveries`, '200'],
    ];
    for (const [method, path, url, status] of checks) {
      const res = await admin.get(url);
      expect([url, res.status]).toEqual([url, Number(status)]);
      expect([url, mismatch(doc, schemaOf(method, path, status), res.body)]).toEqual([url, null]);
    }
    const missing = await admin.get('/v1/agents/0123456789abcdef01234567');
    expect(mismatch(doc, { $ref: '#/components/schemas/ErrorBody' }, missing.body)).toBeNull();
  });

  it('renders /v1/docs on the server: every operation, no scripts, under the strict CSP', async () => {
    const res = await fetch(`${server.url}/v1/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await res.text();
    expect(html).not.toMatch(/<script|https?:\/\/cdn|\son\w+=/i);
    for (const [path, item] of Object.entries(paths)) {
      for (const op of Object.values(item)) expect(html).toContain(`id="${op.operationId as string}"`);
      expect(html).toContain(`<code>${path}</code>`);
    }
    expect(html).toContain('id="schema-Session"');
  });
});
