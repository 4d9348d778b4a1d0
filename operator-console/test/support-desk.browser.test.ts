/**
 * Support-desk essentials in the console, in headless Chromium against the real server:
 * an image a visitor sends from the widget shows in the console (and cannot be fetched
 * without rights), a canned reply with a metadata variable, the CSAT on the session and in
 * the stat cards, and the transcript download button.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import type { CustomerSessionDto, MessageDto, SessionDto } from '../../shared/src/contract/types';
import { describeWithBrowser, launchBrowser, signInToConsole } from '../../server/test/support/browser';
import { httpClient, type HttpClient } from '../../server/test/support/http-client';
import { startTestServer, type TestServer } from '../../server/test/support/test-server';
import { waitUntil } from '../../server/test/support/socket-clients';
import { PNG_1PX } from '../../server/test/support/factories';

jest.setTimeout(90_000);

const W = 'switchboard-widget';

const signIn = (page: Page, server: TestServer): Promise<void> => signInToConsole(page, server.url, server.admin.email, server.admin.password);

describeWithBrowser('console: support desk', () => {
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
    await signIn(page, server);
  });
  afterEach(() => page.close());

  const openSession = async (id: string) => {
    await page.goto(`${server.url}/console/sessions/${id}`);
    await page.getByTestId('session-view').waitFor();
  };

  it('an image sent from the widget shows in the console; without rights it cannot be fetched', async () => {
    const visitor = await browser.newContext();
    const widget = await visitor.newPage();
    await widget.addInitScript(() => {
      type Stub = ((...args: unknown[]) => void) & { q?: unknown[][] };
      const w = window as unknown as { Switchboard?: Stub; __session?: unknown };
      const stub: Stub = (...args) => void (stub.q = stub.q ?? []).push(args);
      w.Switchboard = w.Switchboard ?? stub;
      w.Switchboard('on', 'session', (s: unknown) => (w.__session = s));
    });
    await widget.goto(`${server.url}/demo`);
    await widget.locator(`${W} .sb-launcher`).click();
    await widget.waitForFunction(() => (window as { __session?: unknown }).__session !== undefined);
    const id = await widget.evaluate(() => (window as unknown as { __session: CustomerSessionDto }).__session.id);
    await widget.locator(`${W} [data-testid=attach-input]`).setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: PNG_1PX });
    await widget.locator(`${W} [data-testid=attachment-image]`).waitFor();

    await openSession(id);
    const img = page.getByTestId('attachment-image');
    await img.waitFor();
    expect(await img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(1);

    const messages = (await api.get<{ messages: MessageDto[] }>(`/v1/chat/sessions/${id}/messages`)).body.messages;
    const url = messages.find((m) => m.attachment)?.attachment?.url ?? '';
    const other = await api.post<{ customerToken: string }>('/v1/chat/sessions', { agentId: server.demoAgentId, customerId: 'someone-else' });
    const statuses = await widget.evaluate(
      async ({ url, token }) => [(await fetch(url)).status, (await fetch(url, { headers: { Authorization: `Bearer ${token}` } })).status],
      { url, token: other.body.customerToken },
    );
    expect(statuses).toEqual([401, 404]);
    await visitor.close();
  });

  it('typing / suggests canned replies and inserts the text with the session metadata filled in', async () => {
    const shortcut = `/refund-${Date.now() % 100000}`;
    expect((await api.post(`/v1/agents/${server.demoAgentId}/canned-replies`, { shortcut, text: 'Hi {{metadata.name}}, your refund for order {{metadata.order}} is on its way.' })).status).toBe(201);
    const { session } = (await api.post<{ session: SessionDto }>('/v1/chat/sessions', { agentId: server.demoAgentId, customerId: 'canned-1', metadata: { name: '<i>Zoë</i>', order: 'A-17' } })).body;
    await openSession(session.id);
    await page.getByTestId('cmd-tell').click();
    await page.getByTestId('composer').fill('/refund');
    const option = page.getByTestId('canned-option').filter({ hasText: shortcut });
    await option.waitFor();
    await option.click();
    const expected = 'Hi <i>Zoë</i>, your refund for order A-17 is on its way.';
    await waitUntil(async () => (await page.getByTestId('composer').inputValue()) === expected);
    await page.getByTestId('composer-send').click();
    await waitUntil(async () => (await api.get<{ messages: MessageDto[] }>(`/v1/chat/sessions/${session.id}/messages`)).body.messages.find((m) => m.role === 'operator' && m.content === expected));
    // Markup in metadata stays text in the thread.
    expect(await page.locator('.msg--operator i').count()).toBe(0);
  });

  it('shows the CSAT on the session and in the stat cards; the transcript downloads without whispers', async () => {
    const created = (await api.post<{ session: SessionDto; customerToken: string }>('/v1/chat/sessions', { agentId: server.demoAgentId, customerId: 'rated-1' })).body;
    const id = created.session.id;
    await api.post(`/v1/chat/sessions/${id}/takeover`);
    await api.post(`/v1/chat/sessions/${id}/tell`, { content: 'Hello from support' });
    await api.post(`/v1/chat/sessions/${id}/whisper`, { content: 'PRIVATE NOTE' });
    await api.post(`/v1/chat/sessions/${id}/close`);
    expect((await httpClient(server.url, created.customerToken).post(`/v1/chat/sessions/${id}/csat`, { rating: 5, comment: 'Great' })).status).toBe(201);

    await openSession(id);
    await page.getByTestId('session-csat').filter({ hasText: 'Great' }).waitFor();
    expect(await page.getByTestId('session-csat').getAttribute('data-rating')).toBe('5');
    await page.goto(`${server.url}/console/sessions`);
    await page.getByTestId('stat-csat').filter({ hasText: /★/ }).waitFor();
    await openSession(id);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-transcript').click()]);
    expect(download.suggestedFilename()).toBe(`transcript-${id}.txt`);
    const text = readFileSync((await download.path()) as string, 'utf8');
    expect(text).toContain('Hello from support');
    expect(text).not.toContain('PRIVATE NOTE');
  });

  it('shows who owns a session and who is online, live; the inbox filters to unassigned and mine', async () => {
    const email = `bob-${Date.now()}@example.test`;
    expect((await api.post('/v1/operators', { email, name: 'Bob Owner', password: 'bob-password-1' })).status).toBe(201);
    const bob = httpClient(server.url, (await httpClient(server.url).post<{ token: string }>('/v1/auth/login', { email, password: 'bob-password-1' })).body.token);
    const owned = (await api.post<{ session: SessionDto }>('/v1/chat/sessions', { agentId: server.demoAgentId, customerId: 'owned-1' })).body.session;
    const free = (await api.post<{ session: SessionDto }>('/v1/chat/sessions', { agentId: server.demoAgentId, customerId: 'free-1' })).body.session;
    await bob.post(`/v1/chat/sessions/${owned.id}/takeover`);

    await page.goto(`${server.url}/console/sessions`);
    await page.locator(`[data-session-id="${owned.id}"]`).getByTestId('row-owner').filter({ hasText: 'Bob Owner' }).waitFor();
    const member = page.getByTestId('team-member').filter({ hasText: 'Bob Owner' });
    await member.waitFor();
    expect((await bob.patch('/v1/auth/me', { status: 'away' })).status).toBe(200);
    await page.locator('[data-testid=team-member][data-status=away]', { hasText: 'Bob Owner' }).waitFor();

    await page.getByTestId('filter-assigned').selectOption('none');
    await page.waitForURL(/assignedTo=none/);
    await page.locator(`[data-session-id="${free.id}"]`).waitFor();
    // The list refetches after the URL changes: wait for the owned row to go, not just count once.
    await page.locator(`[data-session-id="${owned.id}"]`).waitFor({ state: 'detached' });
    await openSession(owned.id);
    await page.getByTestId('assigned-to').filter({ hasText: 'Bob Owner' }).waitFor();
  });

  it('a customer writing in a conversation I hold: "Awaiting reply" on its row and a toast, until I answer', async () => {
    const me = httpClient(server.url, (await httpClient(server.url).post<{ token: string }>('/v1/auth/login', { email: server.admin.email, password: server.admin.password })).body.token);
    const { session, customerToken } = (await api.post<{ session: SessionDto; customerToken: string }>('/v1/chat/sessions', { agentId: server.demoAgentId, customerId: 'waiting-1' })).body;
    expect((await me.post(`/v1/chat/sessions/${session.id}/takeover`)).status).toBe(200);
    await page.goto(`${server.url}/console/sessions`);
    const row = page.locator(`[data-session-id="${session.id}"]`);
    await row.waitFor();
    expect(await row.getByTestId('awaiting-badge').count()).toBe(0);

    expect((await httpClient(server.url, customerToken).post(`/v1/chat/sessions/${session.id}/messages`, { content: 'Is anyone there?' })).status).toBe(201);
    await row.getByTestId('awaiting-badge').waitFor();
    await page.getByText('waiting-1 is waiting for your reply').waitFor();
    await page.getByTestId('stat-awaiting').filter({ hasText: /^[1-9]\d*$/ }).waitFor();
    await page.getByTestId('filter-awaiting').check();
    await page.waitForURL(/awaitingReply=true/);
    await row.click();
    const header = page.getByTestId('session-view');
    await header.getByTestId('awaiting-badge').waitFor();

    expect((await me.post(`/v1/chat/sessions/${session.id}/tell`, { content: 'Yes, I am here.' })).status).toBe(201);
    // Answered: no longer awaiting, so it leaves the filtered list live, and the header says so.
    await row.waitFor({ state: 'detached' });
    await header.getByTestId('awaiting-badge').waitFor({ state: 'detached' });
  });

  it('finds conversations by what was said in them', async () => {
    const said = async (customerId: string, content: string) => {
      const created = (await api.post<{ session: SessionDto; customerToken: string }>('/v1/chat/sessions', { agentId: server.demoAgentId, customerId })).body;
      expect((await httpClient(server.url, created.customerToken).post(`/v1/chat/sessions/${created.session.id}/messages`, { content })).status).toBe(201);
      return created.session.id;
    };
    const wanted = await said('search-1', 'My order ORD-9876 came with a torn strap');
    const other = await said('search-2', 'My order ORD-1234 is fine, thanks');
    await page.goto(`${server.url}/console/sessions`);
    await page.locator(`[data-session-id="${other}"]`).waitFor();

    await page.getByTestId('filter-text').fill('torn ord-9876');
    await page.waitForURL(/q=torn/);
    await page.locator(`[data-session-id="${other}"]`).waitFor({ state: 'detached' });
    await page.locator(`[data-session-id="${wanted}"]`).waitFor();
    expect(await page.getByTestId('session-row').count()).toBe(1);

    // From a conversation to everything that customer said before.
    const again = await said('search-1', 'Any news on the strap?');
    await openSession(again);
    await page.getByTestId('customer-sessions').click();
    await page.waitForURL(/customerId=search-1/);
    await page.locator(`[data-session-id="${wanted}"]`).waitFor();
    await page.locator(`[data-session-id="${again}"]`).waitFor();
    expect(await page.getByTestId('session-row').count()).toBe(2);
  });

  it('the help inbox lists the longest waiting request first, live', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await api.post<{ session: SessionDto }>('/v1/chat/sessions', { agentId: server.demoAgentId, customerId: `inbox-${i}` })).body.session.id);
    const [a, b, c] = ids as [string, string, string];
    for (const id of [b, a]) {
      expect((await api.post(`/v1/chat/sessions/${id}/help`, { reason: 'please' })).status).toBe(200);
      await new Promise((r) => setTimeout(r, 20));
    }
    await page.getByTestId('nav-inbox').click();
    await page.waitForURL(/order=waiting/);
    const ours = async () => (await page.locator('[data-session-id]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-session-id')))).filter((id) => ids.includes(id ?? ''));
    await page.locator(`[data-session-id="${a}"]`).waitFor();
    expect(await ours()).toEqual([b, a]);
    // Each row says how long its request has waited, not when the chat last moved.
    expect(await page.locator(`[data-session-id="${a}"]`).getByTestId('row-time').textContent()).toBe('asked just now');
    // A new request joins at the end: it has waited least.
    expect((await api.post(`/v1/chat/sessions/${c}/help`, { reason: 'please' })).status).toBe(200);
    await page.locator(`[data-session-id="${c}"]`).waitFor();
    expect(await ours()).toEqual([b, a, c]);
  });

  it('admins manage canned replies on the agent page', async () => {
    await page.goto(`${server.url}/console/agents/${server.demoAgentId}`);
    const editor = page.getByTestId('canned-editor');
    await editor.waitFor();
    await page.getByTestId('canned-shortcut').fill('/bye');
    await page.getByTestId('canned-text').fill('Bye {{metadata.name}}!');
    await page.getByTestId('canned-add').click();
    await page.getByTestId('canned-row').filter({ hasText: '/bye' }).waitFor();
    await page.getByTestId('canned-shortcut').fill('/bye');
    await page.getByTestId('canned-text').fill('Again');
    await page.getByTestId('canned-add').click(); // the same shortcut again: refused (409)
    await editor.getByRole('alert').filter({ hasText: /already has/ }).waitFor();
    await page.getByTestId('canned-row').filter({ hasText: '/bye' }).getByTestId('canned-delete').click();
    await waitUntil(async () => (await page.getByTestId('canned-row').filter({ hasText: '/bye' }).count()) === 0);
  });
});
