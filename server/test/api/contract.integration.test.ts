import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import express from 'express';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { CONTRACT } from '../../../shared/src/contract';
import { defineOperation } from '../../../shared/src/contract/operation';
import { allMountedOperations, contractRouter, reply } from '../../src/transport/http/contract-router';
import { errorMiddleware } from '../../src/transport/http/error-middleware';
import { createLogger } from '../../src/logger';
import { httpClient } from '../support/http-client';
import { startTestServer, type TestServer } from '../support/test-server';

const label = (op: { method: string; path: string }) => `${op.method} ${op.path}`;

describe('the REST contract and the Express routes stay in step', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('mounts every contract operation, and nothing outside the contract through the builder', () => {
    const mounted = [...allMountedOperations()].map(label).sort();
    expect(CONTRACT.map(label).sort()).toEqual(mounted);
  });

  // The first endpoint added the new way: one contract entry (shared/src/contract/operators.ts) + one handler.
  it('GET /v1/operators/{id}: one staff account; a bad id is 400 naming it; an unknown one 404', async () => {
    const admin = httpClient(server.url, server.masterKey);
    const list = await admin.get<{ operators: { id: string; email: string }[] }>('/v1/operators');
    const first = list.body.operators[0] as { id: string; email: string };
    const one = await admin.get<{ operator: { id: string; email: string } }>(`/v1/operators/${first.id}`);
    expect(one.status).toBe(200);
    expect(one.body.operator).toEqual(list.body.operators[0]);
    const bad = await admin.get<{ error: { code: string; field: string } }>('/v1/operators/nope');
    expect([bad.status, bad.body.error.code, bad.body.error.field]).toEqual([400, 'invalid_request', 'id']);
    const missing = await admin.get<{ error: { code: string } }>('/v1/operators/0123456789abcdef01234567');
    expect([missing.status, missing.body.error.code]).toEqual([404, 'not_found']);
  });
});

describe('contractRouter', () => {
  const ping = defineOperation({ method: 'get', path: '/t/{id}', tag: 't', summary: 'x', access: 'public', params: z.object({ id: z.string().regex(/^\d+$/) }), query: z.object({ n: z.coerce.number().optional() }), responses: { 200: { description: 'x', schema: z.object({ id: z.string(), n: z.number().optional() }) }, 201: { description: 'y', schema: z.object({ created: z.boolean() }) } } });
  const literal = defineOperation({ method: 'get', path: '/t/stats', tag: 't', summary: 'x', access: 'public', responses: { 200: { description: 'x', schema: z.object({ stats: z.boolean() }) } } });

  it('refuses an operation mounted twice, at start-up', () => {
    const api = contractRouter();
    api.route(literal, () => ({ stats: true }));
    api.route(literal, () => ({ stats: true }));
    expect(() => api.build()).toThrow('get /t/stats is mounted twice');
  });

  it('converts {id} to :id, parses params and query, answers plain data (201 when declared) or reply(), literal paths first', async () => {
    const api = contractRouter();
    api.route(ping, ({ params, query }) => (query.n === 0 ? { created: true } : reply(200, { id: params.id, n: query.n })));
    api.route(literal, () => ({ stats: true }));
    const app = express().use(api.build()).use(errorMiddleware(createLogger('error')));
    const listener = app.listen(0);
    const base = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
    try {
      const get = async (path: string) => {
        const res = await fetch(`${base}${path}`);
        return { status: res.status, body: (await res.json()) as unknown };
      };
      expect(await get('/t/stats')).toEqual({ status: 200, body: { stats: true } });
      expect(await get('/t/42?n=3')).toEqual({ status: 200, body: { id: '42', n: 3 } });
      expect(await get('/t/42?n=0')).toEqual({ status: 201, body: { created: true } });
      expect(await get('/t/abc')).toEqual({ status: 400, body: { error: expect.objectContaining({ code: 'invalid_request', field: 'id' }) } });
    } finally {
      listener.close();
    }
  });
});
