/**
 * The operator console audited with axe-core (WCAG 2.1 A and AA, and axe's best practices)
 * on every screen, with content in it: sign-in (and its error), the session log with a help
 * request, a session holding every kind of message before and after a takeover and once
 * closed, a narrow window, and the admin pages — in headless Chromium against the real server.
 */
import type { Browser, Page } from 'playwright-core';
import type { SessionDto } from '../../shared/src/contract/types';
import { accessibilityViolations } from '../../server/test/support/accessibility';
import { describeWithBrowser, launchBrowser } from '../../server/test/support/browser';
import { httpClient, type HttpClient } from '../../server/test/support/http-client';
import { startTestServer, type TestServer } from '../../server/test/support/test-server';

jest.setTimeout(90_000);

describeWithBrowser('operator console accessibility (axe-core)', () => {
  let server: TestServer;
  let browser: Browser;
  let api: HttpClient;
  let page: Page;
  let session: SessionDto;

  beforeAll(async () => {
    server = await startTestServer();
    api = httpClient(server.url, server.masterKey);
    browser = await launchBrowser();
    const created = await api.post<{ session: SessionDto }>('/v1/chat/sessions', { agentId: server.demoAgentId, customerId: 'cust-a11y', metadata: { plan: 'pro', orders: 3 } });
    session = created.body.session;
    const path = `/v1/chat/sessions/${session.id}`;
    await api.post(`${path}/messages`, { content: 'Where is my order? Tracking at https://example.com/track' });
    await api.post(`${path}/context`, { content: 'Customer since 2019', source: 'crm' });
    await api.post(`${path}/whisper`, { content: 'Offer one of:\n- free shipping\n- 10% off\n\nCode: `SHIP10`' });
    await api.post(`${path}/help`, { reason: 'Wants a person' });
    await api.post('/v1/operators', { email: 'sam@example.com', name: 'Sam', password: 'correct horse battery', role: 'operator' });
    await api.post('/v1/api-keys', { name: 'CRM' });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 860 }, locale: 'en-US' });
  });
  afterEach(() => page?.close());

  async function signIn(): Promise<void> {
    await page.goto(`${server.url}/console/`);
    await page.getByTestId('login-email').fill(server.admin.email);
    await page.getByTestId('login-password').fill(server.admin.password);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/console\/sessions/);
  }

  it('sign-in, and its error', async () => {
    await page.goto(`${server.url}/console/`);
    await page.getByTestId('login-email').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByTestId('login-email').fill(server.admin.email);
    await page.getByTestId('login-password').fill('not the password');
    await page.getByTestId('login-submit').click();
    await page.locator('[role=alert]').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('the session log with a help request, and a session with every kind of message, taken over, then closed', async () => {
    await signIn();
    await page.locator(`[data-session-id="${session.id}"]`).getByTestId('help-badge').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.locator(`[data-session-id="${session.id}"]`).getByTestId('session-row').click();
    await page.getByTestId('msg-whisper').locator('ul li').nth(1).waitFor();
    await page.getByTestId('msg-agent').last().waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByTestId('cmd-takeover').click();
    await page.locator('[data-testid="session-view"][data-mode="support"]').waitFor();
    await page.getByTestId('composer').fill('Hi, this is Dana from the team.');
    await page.getByTestId('composer-send').click();
    await page.getByTestId('msg-operator').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByTestId('cmd-close').click();
    await page.locator('[data-testid="session-view"][data-status="closed"]').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.setViewportSize({ width: 800, height: 900 });
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it.each(['agents', 'agents/new', 'agent', 'operators', 'api-keys', 'no-such-page'])('the %s page', async (screen) => {
    await signIn();
    const path = screen === 'agent' ? `agents/${server.demoAgentId}` : screen;
    await page.goto(`${server.url}/console/${path}`);
    await page.locator('h1').waitFor();
    await page.waitForLoadState('networkidle');
    expect(await accessibilityViolations(page)).toEqual([]);
  });
});
