/**
 * The operator console in headless Chromium against the real server: sign in, watch a
 * session created over REST appear live, filter the help inbox, open it, watch a reply
 * stream, take over, answer as a human, release, resolve, close — and an agent created
 * with takeover off shows no takeover control.
 */
import type { Browser, Page } from 'playwright-core';
import type { MessageDto, SessionDto } from '../../shared/src/contract/types';
import { describeWithBrowser, launchBrowser, signInToConsole } from '../../server/test/support/browser';
import { httpClient, type HttpClient } from '../../server/test/support/http-client';
import { startTestServer, type TestServer } from '../../server/test/support/test-server';

jest.setTimeout(90_000);

const uid = (): string => Math.random().toString(36).slice(2, 8);

const signIn = signInToConsole;

async function createSession(api: HttpClient, agentId: string, customerId: string): Promise<SessionDto> {
  const res = await api.post<{ session: SessionDto }>('/v1/chat/sessions', { agentId, customerId, metadata: { plan: 'pro', note: '<b>bold?</b>' } });
  expect(res.status).toBe(201);
  return res.body.session;
}

describeWithBrowser('operator console', () => {
  let server: TestServer;
  let browser: Browser;
  let api: HttpClient;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    // A visible word delay, so the streaming reply (and its caret) can be seen.
    server = await startTestServer({ env: { OFFLINE_WORD_DELAY_MS: '60' } });
    api = httpClient(server.url, server.masterKey);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    pageErrors = [];
    page.on('pageerror', (err) => pageErrors.push(err.message));
    page.on('console', (msg) => msg.type() === 'error' && /Content Security Policy|Uncaught/.test(msg.text()) && pageErrors.push(msg.text()));
  });
  afterEach(async () => {
    await page.close();
    expect(pageErrors).toEqual([]);
  });

  it('follows a conversation live: help inbox, streaming reply, takeover, tell, release, resolve, close', async () => {
    await signIn(page, server.url, server.admin.email, server.admin.password);
    await page.getByTestId('stat-total').filter({ hasText: /^\d+$/ }).waitFor();

    const customerId = `cust-${uid()}`;
    const session = await createSession(api, server.demoAgentId, customerId);
    const row = page.locator(`[data-session-id="${session.id}"]`);
    await row.waitFor();

    expect((await api.post(`/v1/chat/sessions/${session.id}/help`, { reason: 'Wants a refund' })).status).toBe(200);
    await page.getByTestId('toast-help').filter({ hasText: customerId }).waitFor();
    await row.getByTestId('help-badge').waitFor();

    await page.getByTestId('filter-help').check();
    await page.waitForURL(/helpRequested=true/);
    await row.waitFor();
    expect(Number(await page.getByTestId('stat-help').textContent())).toBeGreaterThanOrEqual(1);

    await row.getByTestId('session-row').click();
    await page.waitForURL(new RegExp(`/console/sessions/${session.id}\\?helpRequested=true`));
    const view = page.getByTestId('session-view');
    await view.waitFor();
    await page.getByTestId('metadata').getByText('<b>bold?</b>').waitFor(); // shown as text

    // The customer writes (over REST); the AI's reply streams in with a caret, then settles.
    const xss = '<img src=x onerror="window.__pwned=1">what can you do?';
    const sent = api.post(`/v1/chat/sessions/${session.id}/messages`, { content: xss });
    await page.getByTestId('msg-customer').filter({ hasText: 'onerror' }).waitFor();
    await page.getByTestId('caret').waitFor();
    await page.getByTestId('caret').waitFor({ state: 'detached', timeout: 30_000 });
    expect((await sent).status).toBe(201);
    expect((await page.getByTestId('msg-agent').last().getByTestId('msg-content').textContent())?.length).toBeGreaterThan(20);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

    // A whisper is marked staff-only.
    await page.getByTestId('composer').fill('Be brief with this one');
    await page.getByTestId('composer').press('Control+Enter');
    await page.getByTestId('msg-whisper').getByTestId('staff-only').waitFor();

    // Take over: mode flips, the composer defaults to telling the customer.
    await page.getByTestId('cmd-takeover').click();
    await page.locator('[data-testid="session-view"][data-mode="support"]').waitFor();
    expect(await view.getByTestId('mode-badge').getAttribute('data-mode')).toBe('support');
    expect(await page.getByTestId('cmd-tell').getAttribute('aria-checked')).toBe('true');
    expect(await page.getByTestId('cmd-takeover').isDisabled()).toBe(true);
    expect(await page.getByTestId('assigned-to').textContent()).toBe('You');

    await page.getByTestId('composer').fill('Hi, this is a person from the team.');
    await page.getByTestId('composer-send').click();
    await page.getByTestId('msg-operator').filter({ hasText: 'a person from the team' }).waitFor();
    const history = await api.get<{ messages: MessageDto[] }>(`/v1/chat/sessions/${session.id}/messages`);
    expect(history.body.messages.some((m) => m.role === 'operator' && m.content.includes('a person from the team'))).toBe(true);

    await page.getByTestId('cmd-resolve').click();
    await page.locator('[data-testid="cmd-resolve"]:disabled').waitFor();
    await row.waitFor({ state: 'detached' }); // no longer matches the help filter

    // Another operator's action arrives live: release over REST.
    expect((await api.post(`/v1/chat/sessions/${session.id}/release`)).status).toBe(200);
    await page.locator('[data-testid="session-view"][data-mode="ai"]').waitFor();
    expect(await page.getByTestId('cmd-whisper').getAttribute('aria-checked')).toBe('true');

    await page.getByTestId('cmd-close').click();
    await page.locator('[data-testid="session-view"][data-status="closed"]').waitFor();
    expect(await page.getByTestId('composer').count()).toBe(0);
  });

  it('shows a hostile agent name and customer id as text in the session log and the session view', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1">';
    const made = await api.post<{ agent: { id: string } }>('/v1/agents', { name: `Agent ${hostile}` });
    expect(made.status).toBe(201);
    const session = await createSession(api, made.body.agent.id, `cust-${uid()}${hostile}`);
    await signIn(page, server.url, server.admin.email, server.admin.password);
    const shownAsText = () => page.waitForFunction(() => document.body.innerText.includes('onerror="window.__pwned=1"'));
    await page.goto(`${server.url}/console?customerId=${encodeURIComponent(session.customerId)}`);
    await shownAsText();
    await page.goto(`${server.url}/console/sessions/${session.id}`);
    await page.getByTestId('thread').waitFor();
    await shownAsText();
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });

  it('hides takeover and release for an agent created with takeover off', async () => {
    await signIn(page, server.url, server.admin.email, server.admin.password);
    await page.getByTestId('nav-agents').click();
    await page.getByTestId('agent-new').click();
    await page.getByTestId('agent-name').fill(`No takeover ${uid()}`);
    await page.getByTestId('agent-cmd-takeover').setChecked(false, { force: true });
    await page.getByTestId('agent-save').click();
    await page.waitForURL(/\/console\/agents\/[0-9a-f]{24}$/);
    const agentId = page.url().split('/').pop() ?? '';

    const session = await createSession(api, agentId, `cust-${uid()}`);
    await page.goto(`${server.url}/console/sessions/${session.id}`);
    await page.getByTestId('thread').waitFor();
    await page.getByTestId('cmd-close').waitFor();
    expect(await page.getByTestId('cmd-takeover').count()).toBe(0);
    expect(await page.getByTestId('cmd-release').count()).toBe(0);
    expect(await page.getByTestId('cmd-whisper').count()).toBe(1);
    expect(await page.getByTestId('cmd-tell').count()).toBe(1);
  });

  it('turns the escalation ladder on from the agent editor, names a bad wait, and sets the language of notices', async () => {
    await signIn(page, server.url, server.admin.email, server.admin.password);
    await page.getByTestId('nav-agents').click();
    await page.getByTestId('agent-new').click();
    await page.getByTestId('agent-name').fill(`Ladder ${uid()}`);
    await page.getByTestId('agent-ladder-enabled').setChecked(true, { force: true });
    await page.getByTestId('agent-ladder-wait').fill('2');
    await page.getByTestId('agent-language').selectOption('de');
    await page.getByTestId('agent-save').click();
    await page.getByText('The wait must be a whole number of seconds, 5 to 86400').first().waitFor();
    expect(page.url()).toMatch(/\/agents\/new$/);
    await page.getByTestId('agent-ladder-wait').fill('45');
    await page.getByTestId('agent-save').click();
    await page.waitForURL(/\/console\/agents\/[0-9a-f]{24}$/);
    const agentId = page.url().split('/').pop() ?? '';
    const stored = await api.get<{ agent: { escalationLadder: unknown; language: string } }>(`/v1/agents/${agentId}`);
    expect(stored.body.agent.escalationLadder).toEqual({ enabled: true, waitSeconds: 45 });
    expect(stored.body.agent.language).toBe('de');
    await page.reload();
    await expect(page.getByTestId('agent-language').inputValue()).resolves.toBe('de');
  });

  it('shows and rotates an agent\'s identity secret, and keeps a model API key write-only until removed', async () => {
    const created = await api.post<{ agent: { id: string } }>('/v1/agents', { name: `Ids ${uid()}` });
    const agentId = created.body.agent.id;
    const secretNow = async () => (await api.get<{ identitySecret: string }>(`/v1/agents/${agentId}/identity-secret`)).body.identitySecret;
    await signIn(page, server.url, server.admin.email, server.admin.password);
    await page.goto(`${server.url}/console/agents/${agentId}`);
    await page.getByTestId('identity-secret-show').click();
    await expect(page.getByTestId('identity-secret-value').textContent()).resolves.toBe(await secretNow());
    const before = await secretNow();
    page.once('dialog', (d) => void d.accept());
    await page.getByTestId('identity-secret-rotate').click();
    await page.waitForFunction((old) => document.querySelector('[data-testid=identity-secret-value]')?.textContent !== old, before);
    const after = await secretNow();
    expect(after).not.toBe(before);
    await expect(page.getByTestId('identity-secret-value').textContent()).resolves.toBe(after);

    // A model API key typed into the editor is stored, then shown only as "set".
    await page.getByTestId('agent-api-key').fill('sk-from-the-console');
    await page.getByTestId('agent-save').click();
    await page.getByText('A key is set for this endpoint. Leave blank to keep it.').waitFor();
    await expect(page.getByTestId('agent-api-key').inputValue()).resolves.toBe('');
    const stored = await api.get<{ agent: { llm: { hasApiKey: boolean } } }>(`/v1/agents/${agentId}`);
    expect(stored.body.agent.llm.hasApiKey).toBe(true);
    expect(JSON.stringify(stored.body)).not.toContain('sk-from-the-console');

    await page.getByTestId('agent-api-key-remove').setChecked(true, { force: true });
    await page.getByTestId('agent-save').click();
    await page.getByTestId('agent-api-key-remove').waitFor({ state: 'detached' });
    const removed = await api.get<{ agent: { llm: { hasApiKey: boolean } } }>(`/v1/agents/${agentId}`);
    expect(removed.body.agent.llm.hasApiKey).toBe(false);
  });

  it('drops a conversation whose customer is erased, and says so where it was open', async () => {
    const customerId = `cust-${uid()}`;
    // Created before signing in, so the first page of the log already holds it (no race with the watch).
    const session = await createSession(api, server.demoAgentId, customerId);
    await signIn(page, server.url, server.admin.email, server.admin.password);
    const row = page.locator(`[data-session-id="${session.id}"]`);
    await row.getByTestId('session-row').click();
    await page.getByTestId('session-view').waitFor();
    expect((await api.delete(`/v1/customers/${customerId}`)).status).toBe(200);
    await page.getByTestId('empty-state').getByText('This conversation was erased').waitFor();
    await row.waitFor({ state: 'detached' });
  });

  it('keeps admin pages from operators and keeps filters in the URL', async () => {
    const email = `op-${uid()}@example.com`;
    const created = await api.post('/v1/operators', { email, name: 'Olga Operator', password: 'operator-pass-1', role: 'operator' });
    expect(created.status).toBe(201);
    await page.goto(`${server.url}/console/sessions?status=closed&mode=support`);
    await page.waitForURL(/\/console\/login\?next=/);
    await page.getByTestId('login-email').fill(email);
    await page.getByTestId('login-password').fill('operator-pass-1');
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/console\/sessions\?status=closed&mode=support$/);
    expect(await page.getByTestId('filter-status').inputValue()).toBe('closed');
    await page.getByTestId('nav-sessions').waitFor();
    expect(await page.getByTestId('nav-agents').count()).toBe(0);
    expect(await page.getByTestId('nav-api-keys').count()).toBe(0);
    await page.getByTestId('empty-state').getByText('No conversations match these filters').waitFor();
  });
});
