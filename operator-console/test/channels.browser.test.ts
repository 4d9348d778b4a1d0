/**
 * Channels in the console, in headless Chromium against the real server: each row of the
 * session log shows its channel, and the channel filter (kept in the URL) lists one channel's
 * sessions — including ones that arrive live while it is on.
 */
import type { Browser, Page } from 'playwright-core';
import type { SessionDto } from '../../shared/src/contract/types';
import { describeWithBrowser, launchBrowser, signInToConsole } from '../../server/test/support/browser';
import { httpClient, type HttpClient } from '../../server/test/support/http-client';
import { startTestServer, type TestServer } from '../../server/test/support/test-server';

jest.setTimeout(90_000);

describeWithBrowser('session channels in the console', () => {
  let server: TestServer;
  let browser: Browser;
  let api: HttpClient;
  let page: Page;

  beforeAll(async () => {
    server = await startTestServer();
    api = httpClient(server.url, server.masterKey);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signInToConsole(page, server.url, server.admin.email, server.admin.password);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const create = async (customerId: string, channel?: string) =>
    (await api.post<{ session: SessionDto }>('/v1/chat/sessions', { agentId: server.demoAgentId, customerId, ...(channel ? { channel } : {}) })).body.session;
  const row = (id: string) => page.locator(`[data-session-id="${id}"]`);

  it('badges each row with its channel; the filter shows one channel, live', async () => {
    const sms = await create('+14155550100', 'sms');
    const plain = await create('crm-7');
    await page.goto(`${server.url}/console/sessions`);
    expect(await row(sms.id).getByTestId('channel-badge').textContent()).toBe('sms');
    expect(await row(plain.id).getByTestId('channel-badge').textContent()).toBe('api');

    await page.getByTestId('filter-channel').selectOption('sms');
    await page.waitForURL(/channel=sms/);
    await row(plain.id).waitFor({ state: 'detached' });
    await row(sms.id).waitFor();
    const later = await create('+14155550101', 'sms');
    const other = await create('+14155550102', 'kiosk');
    await row(later.id).waitFor();
    expect(await row(other.id).count()).toBe(0);

    // An integrator's own channel name works from the URL and shows in the select.
    await page.goto(`${server.url}/console/sessions?channel=kiosk`);
    await row(other.id).waitFor();
    expect(await page.getByTestId('filter-channel').inputValue()).toBe('kiosk');
    expect(await row(sms.id).count()).toBe(0);
  });
});
