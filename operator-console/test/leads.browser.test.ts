/**
 * Lead capture in the console, in headless Chromium against the real server and the keyless
 * demo: the offline model saves a name and e-mail the customer gives (`save_fields`), the
 * session's details show them live under the agent's labels with complete / incomplete, and
 * the captured-details filter finds the session.
 */
import type { Browser, Page } from 'playwright-core';
import type { SessionDto } from '../../shared/src/contract/types';
import { describeWithBrowser, launchBrowser, signInToConsole } from '../../server/test/support/browser';
import { httpClient, type HttpClient } from '../../server/test/support/http-client';
import { startTestServer, type TestServer } from '../../server/test/support/test-server';

jest.setTimeout(90_000);

describeWithBrowser('captured lead fields in the console', () => {
  let server: TestServer;
  let browser: Browser;
  let api: HttpClient;
  let page: Page;

  beforeAll(async () => {
    server = await startTestServer();
    api = httpClient(server.url, server.masterKey);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signInToConsole(page, server.url, server.admin.email, server.admin.password);
  });
  afterEach(() => page.close());

  it('shows the details the AI saved, live, and the filter finds the session once they are complete', async () => {
    const { session } = (await api.post<{ session: SessionDto }>('/v1/chat/sessions', { agentId: server.demoAgentId, customerId: 'lead-1' })).body;
    await page.goto(`${server.url}/console/sessions/${session.id}`);
    const panel = page.getByTestId('lead-fields');
    await panel.waitFor();
    expect(await panel.getByTestId('lead-field-email').textContent()).toBe('not given yet');
    expect(await panel.getByTestId('fields-complete').getAttribute('data-complete')).toBe('false');
    expect(await panel.locator('dt').allTextContents()).toEqual(['Name', 'E-mail *']);

    expect((await api.post(`/v1/chat/sessions/${session.id}/messages`, { content: 'Hi, my name is Ada Lovelace and my e-mail is ada@example.com' })).status).toBe(201);
    await panel.getByTestId('lead-field-email').filter({ hasText: 'ada@example.com' }).waitFor();
    expect(await panel.getByTestId('lead-field-name').textContent()).toBe('Ada Lovelace');
    await panel.locator('[data-testid="fields-complete"][data-complete="true"]').waitFor();
    await page.getByTestId('msg-agent').filter({ hasText: 'Thanks, Ada Lovelace!' }).waitFor();

    await page.getByTestId('filter-fields').selectOption('true');
    await page.waitForURL(/fieldsComplete=true/);
    await page.locator(`[data-session-id="${session.id}"]`).waitFor();
    await page.getByTestId('filter-fields').selectOption('false');
    await page.waitForURL(/fieldsComplete=false/);
    await page.locator(`[data-session-id="${session.id}"]`).waitFor({ state: 'detached' });
  });
});
