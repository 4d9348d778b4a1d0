/**
 * The supervisor's desk (issue 22), in headless Chromium against the real server, through the
 * UI as a person uses it: a filter picked while a search box is still debouncing survives it
 * (it was undone), stat cards are pressable buttons counting outside their own filter (Dormant
 * picked, Active said 0), the log reads as an inbox (preview, unread, waiting, prefix customer
 * search), session details carry dates, the Knowledge screen adds, edits, deletes and shows
 * what the AI would find — with axe on the new screen — and an agent with `openai` and no key
 * says "model not configured".
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import type { SessionDto } from '../../shared/src/contract/types';
import { accessibilityViolations } from '../../server/test/support/accessibility';
import { describeWithBrowser, launchBrowser, signInToConsole } from '../../server/test/support/browser';
import { httpClient, type HttpClient } from '../../server/test/support/http-client';
import { startTestServer, type TestServer } from '../../server/test/support/test-server';

jest.setTimeout(120_000);

describeWithBrowser('console: the desk', () => {
  let server: TestServer;
  let browser: Browser;
  let api: HttpClient;
  let page: Page;

  const session = async (customerId: string): Promise<SessionDto> =>
    (await api.post<{ session: SessionDto }>('/v1/chat/sessions', { agentId: server.demoAgentId, customerId })).body.session;

  beforeAll(async () => {
    server = await startTestServer();
    api = httpClient(server.url, server.masterKey);
    browser = await launchBrowser();
    const active = await session('CUST-77-active');
    await api.post(`/v1/chat/sessions/${active.id}/messages`, { content: 'Where is my parcel? It was due yesterday.' });
    const dormant = await session('cust-78-closed');
    await api.post(`/v1/chat/sessions/${dormant.id}/close`);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    await signInToConsole(page, server.url, server.admin.email, server.admin.password);
  });
  afterEach(() => page.close());

  it('a filter picked while the customer search is still debouncing is kept (it was undone)', async () => {
    await page.getByTestId('filter-customer').fill('cust-7');
    await page.getByTestId('filter-status').selectOption('active'); // within the 350 ms pause
    await page.waitForURL(/customerId=cust-7/);
    await page.waitForTimeout(500);
    expect(page.url()).toContain('status=active');
    expect(await page.getByTestId('filter-status').inputValue()).toBe('active');
    // Prefix, any case: "cust-7" finds CUST-77-active, and only it while Active is picked.
    await page.getByTestId('row-customer').first().waitFor();
    expect(await page.getByTestId('row-customer').allTextContents()).toEqual([expect.stringContaining('CUST-77-active')]);
  });

  it('stat cards are buttons, pressed when picked, counting outside their own filter', async () => {
    const closedCard = page.getByTestId('stat-card-closed');
    expect(await closedCard.evaluate((el) => el.tagName)).toBe('BUTTON');
    await closedCard.click();
    await page.waitForURL(/status=closed/);
    expect(await closedCard.getAttribute('aria-pressed')).toBe('true');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="stat-active"]')?.textContent) >= 1);
    expect(await page.getByTestId('stat-card-active').getAttribute('aria-pressed')).toBe('false');
    await closedCard.click(); // pressed again: the filter is lifted
    await page.waitForURL((url) => !url.search.includes('status='));
  });

  it('the log is an inbox: last message and unread count (cleared by opening); details carry dates', async () => {
    const row = page.locator('[data-testid="session-row"]', { hasText: 'CUST-77-active' });
    await row.getByTestId('row-preview').waitFor();
    expect(await row.getByTestId('row-preview').textContent()).toContain('AI:');
    expect(await row.getByTestId('row-unread').textContent()).toBe('1');
    await row.click();
    await page.getByTestId('session-view').waitFor();
    // The greeting the widget showed is the thread's first line (issue 22.4).
    expect(await page.getByTestId('thread-greeting').textContent()).toContain('I’m the Acme assistant');
    expect(await page.getByTestId('detail-started').textContent()).toMatch(/\d{4}/);
    await page.getByTestId('detail-last-activity').waitFor();
    await page.waitForFunction(() => !document.querySelector('[data-session-id] [data-testid="row-unread"]'));
  });

  it('Knowledge: add, edit, ask what the AI would find, delete — and the screen passes axe', async () => {
    await page.getByTestId('nav-knowledge').click();
    await page.getByTestId('kb-doc').first().waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByTestId('kb-title').fill('Gift cards');
    await page.getByTestId('kb-content').fill('Gift cards never expire and can be used online or in our Lyon shop.');
    await page.getByTestId('kb-save').click();
    await page.locator('[data-testid="kb-doc"]', { hasText: 'Gift cards' }).waitFor();

    await page.getByTestId('kb-question').fill('Do gift cards expire?');
    await page.getByTestId('kb-ask').click();
    await page.getByTestId('kb-hit').first().waitFor();
    expect(await page.getByTestId('kb-hit').first().textContent()).toContain('Gift cards');

    await page.locator('[data-testid="kb-doc"]', { hasText: 'Gift cards' }).getByTestId('kb-edit').click();
    await page.getByTestId('kb-content').fill('Gift vouchers are valid for ten years.');
    await page.getByTestId('kb-title').fill('Gift vouchers');
    await page.getByTestId('kb-save').click();
    await page.locator('[data-testid="kb-doc"]', { hasText: 'Gift vouchers' }).waitFor();

    page.once('dialog', (d) => void d.accept());
    await page.locator('[data-testid="kb-doc"]', { hasText: 'Gift vouchers' }).getByTestId('kb-delete').click();
    await page.locator('[data-testid="kb-doc"]', { hasText: 'Gift vouchers' }).waitFor({ state: 'detached' });
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('an openai agent with no key anywhere says "model not configured"; the greeting shows whole', async () => {
    const created = await api.post<{ agent: { id: string; llm: { modelIssue: string | null } } }>('/v1/agents', { name: 'Keyless', llm: { provider: 'openai', model: 'gpt-4o-mini' }, greeting: 'Hello! '.repeat(30).trim() });
    expect(created.body.agent.llm.modelIssue).toMatch(/^model not configured/);
    await page.getByTestId('nav-agents').click();
    await page.locator('[data-testid="agent-row"]', { hasText: 'Keyless' }).getByTestId('model-not-configured').waitFor();
    await page.goto(`${server.url}/console/agents/${created.body.agent.id}`);
    await page.getByTestId('agent-model-issue').waitFor();
    const greeting = page.getByTestId('agent-greeting');
    expect(await greeting.evaluate((el) => el.scrollHeight <= el.clientHeight + 2)).toBe(true);
  });

  it('on a phone-sized screen, nav items and card labels are not cut', async () => {
    await page.setViewportSize({ width: 375, height: 740 });
    await page.getByTestId('stat-card-help').waitFor();
    const clipped = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.stat__label')].filter((el) => el.scrollWidth > el.clientWidth + 1).map((el) => el.textContent),
    );
    expect(clipped).toEqual([]);
    const nav = await page.evaluate(() => {
      const el = document.querySelector<HTMLElement>('.nav');
      return el ? { scrollable: getComputedStyle(el).overflowX === 'auto', cutItems: [...el.querySelectorAll<HTMLElement>('.nav__item')].filter((i) => i.scrollWidth > i.clientWidth + 1).length } : null;
    });
    expect(nav).toEqual({ scrollable: true, cutItems: 0 });
  });

  it('a session can be escalated to a phone call from the console', async () => {
    const calls: string[] = [];
    const voice: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        calls.push(body);
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((r) => voice.listen(0, '127.0.0.1', r));
    try {
      const webhookUrl = `http://127.0.0.1:${(voice.address() as AddressInfo).port}/calls`;
      const agent = await api.post<{ agent: { id: string } }>('/v1/agents', { name: 'Caller', llm: { provider: 'offline', model: 'offline' }, callEscalation: { enabled: true, webhookUrl, secret: 'voice-secret-0123456789', voiceAgentId: 'va_1' } });
      const created = await api.post<{ session: SessionDto }>('/v1/chat/sessions', { agentId: agent.body.agent.id, customerId: 'caller-1' });
      await page.goto(`${server.url}/console/sessions/${created.body.session.id}`);
      await page.getByTestId('call-phone').fill('+33612345678');
      await page.getByTestId('call-request').click();
      await page.waitForFunction(() => document.querySelector('[data-testid="call-phone"]') instanceof HTMLInputElement && (document.querySelector('[data-testid="call-phone"]') as HTMLInputElement).value === '');
      for (let i = 0; i < 50 && calls.length === 0; i++) await page.waitForTimeout(100);
      expect(JSON.parse(calls[0] ?? '{}')).toMatchObject({ phone: '+33612345678', voiceAgentId: 'va_1', sessionId: created.body.session.id });
    } finally {
      voice.close();
    }
  });
});
