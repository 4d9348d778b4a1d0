import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AgentDto, OperatorDto, SessionDto } from '../../../shared/src/contract/types';
import type { ErrorBody } from '../../../shared/src/errors';
import { uniq } from '../support/factories';
import { httpClient, type HttpClient } from '../support/http-client';
import { connectOperator, createStaff, login, loginAdmin, type Staff } from '../support/operator-helpers';
import { connected, nextEvent, operatorClient, waitUntil } from '../support/socket-clients';
import { startTestServer, type TestServer } from '../support/test-server';

type ErrorResponse = { error: ErrorBody };

describe('staff accounts: login, roles, revocation', () => {
  let server: TestServer;
  let master: HttpClient;
  let admin: Staff;

  beforeAll(async () => {
    server = await startTestServer({ env: { SEED_DEMO: 'false' } });
    master = httpClient(server.url, server.masterKey);
    admin = await loginAdmin(server);
  });
  afterAll(() => server.close());

  it('an admin logs in with {token, operator} and GET /v1/auth/me names them', async () => {
    expect(admin.token).toEqual(expect.any(String));
    expect(admin.operator).toMatchObject({ email: server.admin.email, role: 'admin' });
    const me = await admin.http.get<{ operator: OperatorDto }>('/v1/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.operator).toEqual(admin.operator);
  });

  it('an admin creates an operator, who can log in; no response ever carries a password or its hash', async () => {
    const email = `${uniq('new')}@example.test`;
    const password = 'correct horse battery';
    const created = await admin.http.post<{ operator: OperatorDto }>('/v1/operators', { email, name: 'Nia', password, role: 'operator' });
    expect(created.status).toBe(201);
    expect(created.body.operator).toMatchObject({ email, name: 'Nia', role: 'operator' });

    const loggedIn = await httpClient(server.url).post('/v1/auth/login', { email, password });
    const list = await admin.http.get<{ operators: OperatorDto[] }>('/v1/operators');
    const one = await admin.http.patch(`/v1/operators/${created.body.operator.id}`, { name: 'Nia B' });
    const me = await httpClient(server.url, (loggedIn.body as { token: string }).token).get('/v1/auth/me');
    expect(list.body.operators.map((o) => o.email)).toContain(email);
    for (const res of [created, loggedIn, list, one, me]) {
      const text = JSON.stringify(res.body);
      expect(text).not.toContain(password);
      expect(text).not.toMatch(/password|\$2[aby]\$/i);
    }
  });

  it('an operator-role token may list sessions but not create agents, operators or API keys (403 forbidden)', async () => {
    const op = await createStaff(server, 'operator');
    const attempts = [
      op.http.post('/v1/agents', { name: 'Nope' }),
      op.http.post('/v1/operators', { email: `${uniq('x')}@example.test`, name: 'X', password: 'longenough1' }),
      op.http.post('/v1/api-keys', { name: 'mine' }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(403);
      expect((res.body as ErrorResponse).error.code).toBe('forbidden');
    }
    const sessions = await op.http.get<{ sessions: SessionDto[] }>('/v1/chat/sessions');
    expect(sessions.status).toBe(200);
    expect(Array.isArray(sessions.body.sessions)).toBe(true);
    const agents = await master.get<{ agents: AgentDto[] }>('/v1/agents');
    expect(agents.body.agents.map((a) => a.name)).not.toContain('Nope');
  });

  it('a wrong password and an unknown email get the same 401 message', async () => {
    const anon = httpClient(server.url);
    const wrong = await anon.post<ErrorResponse>('/v1/auth/login', { email: server.admin.email, password: 'not-the-password' });
    const unknown = await anon.post<ErrorResponse>('/v1/auth/login', { email: 'nobody@example.test', password: 'not-the-password' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error).toEqual(unknown.body.error);
    expect(wrong.body.error.code).toBe('unauthorized');
  });

  it('a changed password kills old tokens over REST and cuts the live /operator socket', async () => {
    const op = await createStaff(server, 'operator');
    const socket = await connectOperator(server, op.token);
    const cut = nextEvent<string>(socket, 'disconnect');

    const patched = await admin.http.patch<{ operator: OperatorDto }>(`/v1/operators/${op.operator.id}`, { password: 'a brand new password' });
    expect(patched.status).toBe(200);
    expect(await cut).toBe('io server disconnect');

    const stale = await op.http.get<ErrorResponse>('/v1/auth/me');
    expect(stale.status).toBe(401);
    expect(stale.body.error.code).toBe('unauthorized');
    const again = operatorClient(server.url, op.token);
    await expect(connected(again)).rejects.toThrow('unauthorized');
    again.close();

    await expect(login(server, op.operator.email, op.password)).rejects.toThrow('401');
    const fresh = await login(server, op.operator.email, 'a brand new password');
    expect((await fresh.http.get('/v1/auth/me')).status).toBe(200);
  });

  it('a renamed operator keeps their session: only a password change revokes', async () => {
    const op = await createStaff(server, 'operator');
    await admin.http.patch(`/v1/operators/${op.operator.id}`, { name: 'Renamed' });
    const me = await op.http.get<{ operator: OperatorDto }>('/v1/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.operator.name).toBe('Renamed');
  });

  it('a deleted operator is disconnected at once and their token refused', async () => {
    const op = await createStaff(server, 'operator');
    const socket = await connectOperator(server, op.token);
    const cut = nextEvent<string>(socket, 'disconnect');

    expect((await admin.http.delete(`/v1/operators/${op.operator.id}`)).status).toBe(204);
    expect(await cut).toBe('io server disconnect');
    expect((await op.http.get('/v1/chat/sessions')).status).toBe(401);
    const again = operatorClient(server.url, op.token);
    await expect(connected(again)).rejects.toThrow('unauthorized');
    again.close();
  });

  it('an operator-role token cannot change or delete other staff', async () => {
    const op = await createStaff(server, 'operator');
    const other = await createStaff(server, 'operator');
    const patch = await op.http.patch<ErrorResponse>(`/v1/operators/${other.operator.id}`, { password: 'hijacked-password' });
    const del = await op.http.delete<ErrorResponse>(`/v1/operators/${other.operator.id}`);
    expect([patch.status, del.status]).toEqual([403, 403]);
    await waitUntil(async () => (await other.http.get('/v1/auth/me')).status === 200);
  });
});
