import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ErrorBody } from '../../../shared/src/errors';
import { httpClient } from '../support/http-client';
import { startTestServer, type TestServer } from '../support/test-server';

// A server of its own: with RATE_LOGIN_PER_15_MIN=3 every other login in a shared server would trip it.
describe('login rate limit', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ env: { SEED_DEMO: 'false', RATE_LOGIN_PER_15_MIN: '3' } });
  });
  afterAll(() => server.close());

  it('the 4th attempt in the window is 429 rate_limited with Retry-After, even with the right password', async () => {
    const anon = httpClient(server.url);
    for (let i = 0; i < 3; i++) {
      const res = await anon.post('/v1/auth/login', { email: server.admin.email, password: `wrong-${i}` });
      expect(res.status).toBe(401);
    }
    const fourth = await anon.post<{ error: ErrorBody }>('/v1/auth/login', { email: server.admin.email, password: server.admin.password });
    expect(fourth.status).toBe(429);
    expect(fourth.body.error.code).toBe('rate_limited');
    const retryAfter = Number(fourth.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(fourth.body).not.toHaveProperty('token');
  });
});
