import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AgentDto } from '../../../shared/src/contract/types';
import type { ErrorBody } from '../../../shared/src/errors';
import { createAgent } from '../support/factories';
import { httpClient, type HttpClient } from '../support/http-client';
import { startTestServer, type TestServer } from '../support/test-server';

type Err = { error: ErrorBody & { field?: string } };

const EMAIL = { key: 'email', label: 'Email', type: 'email', required: true };
const many = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `f${i}`, label: `Field ${i}`, type: 'string' }));

describe('lead capture: the agent fields config', () => {
  let server: TestServer;
  let http: HttpClient;

  beforeAll(async () => {
    server = await startTestServer({ env: { SEED_DEMO: 'false' } });
    http = httpClient(server.url, server.masterKey);
  });
  afterAll(() => server.close());

  it('stores fields with their defaults and answers them on the agent', async () => {
    const agent = await createAgent(http, {
      fields: [EMAIL, { key: 'plan', label: ' Plan ', type: 'enum', options: ['Basic', 'Pro'], description: 'Which plan they want', prechat: true }],
    });
    expect(agent.fields).toEqual([
      { key: 'email', label: 'Email', type: 'email', required: true, description: null, prechat: false },
      { key: 'plan', label: 'Plan', type: 'enum', options: ['Basic', 'Pro'], required: false, description: 'Which plan they want', prechat: true },
    ]);
    expect((await createAgent(http)).fields).toEqual([]);
    const patched = await http.patch<{ agent: AgentDto }>(`/v1/agents/${agent.id}`, { fields: [{ key: 'phone', label: 'Phone', type: 'phone' }] });
    expect(patched.status).toBe(200);
    expect(patched.body.agent.fields).toEqual([{ key: 'phone', label: 'Phone', type: 'phone', required: false, description: null, prechat: false }]);
  });

  const cases: [string, unknown, string][] = [
    ['a key starting with a digit', [{ ...EMAIL, key: '1email' }], 'fields.0.key'],
    ['a key with a dot (it would be a path in the database)', [{ ...EMAIL, key: 'a.b' }], 'fields.0.key'],
    ['a key longer than 40 characters', [{ ...EMAIL, key: `k${'x'.repeat(40)}` }], 'fields.0.key'],
    ['two fields with one key', [EMAIL, { key: 'name', label: 'Name', type: 'string' }, { ...EMAIL, label: 'Other' }], 'fields.2.key'],
    ['an empty label', [{ ...EMAIL, label: '  ' }], 'fields.0.label'],
    ['an unknown type', [{ ...EMAIL, type: 'date' }], 'fields.0.type'],
    ['an enum without options', [EMAIL, { key: 'plan', label: 'Plan', type: 'enum' }], 'fields.1.options'],
    ['an enum with an empty options list', [{ key: 'plan', label: 'Plan', type: 'enum', options: [] }], 'fields.0.options'],
    ['an enum with 51 options', [{ key: 'plan', label: 'Plan', type: 'enum', options: Array.from({ length: 51 }, (_, i) => `o${i}`) }], 'fields.0.options'],
    ['options on a field that is no enum', [EMAIL, many(1)[0], { key: 'x', label: 'X', type: 'string', options: ['a'] }], 'fields.2.options'],
    ['an unknown property', [{ ...EMAIL, colour: 'red' }], 'fields.0'],
    ['31 fields', many(31), 'fields'],
    ['fields that are not a list', { email: EMAIL }, 'fields'],
  ];

  it.each(cases)('create with %s: 400 invalid_request naming the field, no agent made', async (_what, fields, field) => {
    const before = (await http.get<{ agents: AgentDto[] }>('/v1/agents')).body.agents.length;
    const res = await http.post<Err>('/v1/agents', { name: 'Leads', fields });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_request', field });
    expect(res.body.error.message).toContain(field);
    expect((await http.get<{ agents: AgentDto[] }>('/v1/agents')).body.agents).toHaveLength(before);
  });

  it('a bad patch names the field and leaves the agent as it was', async () => {
    const agent = await createAgent(http, { fields: [EMAIL] });
    const res = await http.patch<Err>(`/v1/agents/${agent.id}`, { name: 'Changed', fields: [EMAIL, { key: 'plan', label: 'Plan', type: 'enum', options: ['a', 'A'] }] });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_request', field: 'fields.1.options' });
    expect((await http.get<{ agent: AgentDto }>(`/v1/agents/${agent.id}`)).body.agent).toEqual(agent);
  });

  it('thirty fields are accepted', async () => {
    expect((await createAgent(http, { fields: many(30) })).fields).toHaveLength(30);
  });
});
