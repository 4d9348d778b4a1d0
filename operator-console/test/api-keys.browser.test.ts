/**
 * The API keys page in Chromium: an admin makes a key with only the scopes it needs, sees the
 * secret once and the scopes in the list, and the key works within them and no further.
 */
import type { Browser, Page } from 'playwright-core';
import { describeWithBrowser, launchBrowser, signInToConsole } from '../../server/test/support/browser';
import { httpClient } from '../../server/test/support/http-client';
import { startTestServer, type TestServer } from '../../server/test/support/test-server';

jest.setTimeout(90_000);

describeWithBrowser('console: API keys with scopes', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('makes a read-only key: the secret once, its scopes listed, and a write with it refused', async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    await signInToConsole(page, server.url, server.admin.email, server.admin.password);
    await page.goto(`${server.url}/console/api-keys`);
    await page.getByTestId('apikey-name').fill('Reporting');
    // Defaults are the session scopes: keep reading, drop writing.
    await page.getByTestId('apikey-scope-sessions:write').uncheck();
    await page.getByTestId('apikey-create').click();
    const key = (await page.getByTestId('apikey-secret-value').textContent())?.trim() ?? '';
    expect(key).toMatch(/^sk_sb_/);
    await page.getByTestId('apikey-row').filter({ hasText: 'Reporting' }).getByTestId('apikey-row-scopes').getByText('sessions:read').waitFor();
    const asKey = httpClient(server.url, key);
    expect((await asKey.get('/v1/chat/sessions')).status).toBe(200);
    const write = await asKey.post<{ error: { code: string; scope: string } }>('/v1/chat/sessions', { agentId: server.demoAgentId, customerId: 'x' });
    expect([write.status, write.body.error.code, write.body.error.scope]).toEqual([403, 'insufficient_scope', 'sessions:write']);
    await page.close();
  });
});
