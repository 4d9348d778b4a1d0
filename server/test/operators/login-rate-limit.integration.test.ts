import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ErrorBody } from '../../../shared/src/errors';
import { httpClient } from '../support/http-client';
import { startTestServer, type TestServer } from '../support/test-server';

// A server of its own, behind a "proxy" (TRUST_PROXY) so each test can speak from an address of its choosing.
describe('login limits slow the attacker, not the owner', () => {
  let server: TestServer;
  const from = (address: string) => ({ 'x-forwarded-for': address });
  const login = (password: string, address: string) => httpClient(server.url).post<{ token?: string; error?: ErrorBody }>('/v1/auth/login', { email: server.admin.email, password }, from(address));

  beforeAll(async () => {
    server = await startTestServer({ env: { SEED_DEMO: 'false', TRUST_PROXY: 'true', RATE_LOGIN_PER_15_MIN: '8', RATE_LOGIN_FAILURES_PER_15_MIN: '3' } });
  });
  afterAll(() => server.close());

  // Regression: 20 wrong passwords for an email from anywhere locked its real owner out for 15 minutes.
  it('wrong passwords from one address lock that address out for this email; the owner elsewhere still signs in', async () => {
    for (let i = 0; i < 3; i++) expect((await login(`wrong-${i}`, '203.0.113.7')).status).toBe(401);
    const blocked = await login(server.admin.password, '203.0.113.7');
    expect(blocked.status).toBe(429);
    expect(blocked.body.error?.code).toBe('rate_limited');
    expect(blocked.body).not.toHaveProperty('token');
    const retryAfter = Number(blocked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    const owner = await login(server.admin.password, '198.51.100.20');
    expect(owner.status).toBe(200);
    expect(owner.body.token).toEqual(expect.any(String));
  });

  it('a correct password clears the failures before it', async () => {
    for (let i = 0; i < 2; i++) expect((await login(`typo-${i}`, '198.51.100.30')).status).toBe(401);
    expect((await login(server.admin.password, '198.51.100.30')).status).toBe(200);
    for (let i = 0; i < 2; i++) expect((await login(`typo-again-${i}`, '198.51.100.30')).status).toBe(401);
    expect((await login(server.admin.password, '198.51.100.30')).status).toBe(200);
  });

  it('one address trying many emails is limited as a whole', async () => {
    const anon = httpClient(server.url);
    const statuses: number[] = [];
    for (let i = 0; i < 9; i++) statuses.push((await anon.post('/v1/auth/login', { email: `someone-${i}@example.com`, password: 'x' }, from('192.0.2.99'))).status);
    expect(statuses.slice(0, 8).every((s) => s === 401)).toBe(true);
    expect(statuses[8]).toBe(429);
  });
});
