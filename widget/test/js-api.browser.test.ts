/**
 * The host page's JS API (`Switchboard(command, …)`, docs/widget.md) in Chromium against the
 * real server's /demo page: each command and event as a single-page app uses them, including
 * calls queued by the stub before widget.js loaded.
 */
import { createHmac } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { CustomerSessionDto, SessionDto } from '../../shared/src/index';
import { describeWithBrowser, launchBrowser } from '../../server/test/support/browser';
import { waitUntil } from '../../server/test/support/socket-clients';
import { startTestServer, type TestServer } from '../../server/test/support/test-server';

const W = 'switchboard-widget';

interface PageGlobals {
  __events: [string, unknown][];
  __session?: CustomerSessionDto;
  Switchboard: (command: string, ...args: unknown[]) => unknown;
}

describeWithBrowser('widget JS API', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    // Replies take a while to stream, so one can arrive while the panel is closed.
    server = await startTestServer({ env: { OFFLINE_WORD_DELAY_MS: '60' } });
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Opens /demo with the stub and `queued` calls made before widget.js loads; every event is recorded. */
  async function load(queued: unknown[][] = []): Promise<void> {
    context = await browser.newContext({ locale: 'en-US' });
    page = await context.newPage();
    await page.addInitScript((calls: unknown[][]) => {
      type Stub = ((...args: unknown[]) => void) & { q?: unknown[][] };
      const w = window as unknown as { Switchboard: Stub; __events: [string, unknown][]; __session?: unknown };
      w.__events = [];
      const stub: Stub = (...args) => void (stub.q = stub.q ?? []).push(args);
      w.Switchboard = stub;
      for (const name of ['ready', 'open', 'close', 'message', 'unread']) w.Switchboard('on', name, (arg: unknown) => w.__events.push([name, arg]));
      w.Switchboard('on', 'session', (s: unknown) => (w.__session = s));
      for (const call of calls) w.Switchboard(...call);
    }, queued);
    await page.goto(`${server.url}/demo`);
    await page.waitForFunction(() => (window as unknown as PageGlobals).__events.some(([name]) => name === 'ready'));
  }

  afterEach(async () => {
    await context?.close();
  });

  const call = (command: string, ...args: unknown[]): Promise<unknown> =>
    page.evaluate(([c, a]) => void (window as unknown as PageGlobals).Switchboard(c as string, ...(a as unknown[])), [command, args] as const);
  const events = (name: string): Promise<unknown[]> =>
    page.evaluate((n) => (window as unknown as PageGlobals).__events.filter(([e]) => e === n).map(([, arg]) => arg), name);
  const sessionOf = (): Promise<CustomerSessionDto | undefined> => page.evaluate(() => (window as unknown as PageGlobals).__session);
  const launcher = () => page.locator(`${W} .sb-launcher`);
  const dialog = () => page.locator(`${W} [role=dialog]`);

  async function restSession(id: string): Promise<SessionDto> {
    const res = await fetch(`${server.url}/v1/chat/sessions/${id}`, { headers: { authorization: `Bearer ${server.masterKey}` } });
    expect(res.status).toBe(200);
    return ((await res.json()) as { session: SessionDto }).session;
  }

  it('replays queued calls in order, and hide / show / open / close / toggle / setLocale with their events', async () => {
    await load([['hide'], ['setLocale', 'de']]);
    expect(await events('ready')).toHaveLength(1);
    await expect(launcher().isVisible()).resolves.toBe(false);

    await call('show');
    await launcher().waitFor({ state: 'visible' });
    await expect(launcher().getAttribute('aria-label')).resolves.toBe('Chat öffnen');

    await call('open');
    await dialog().waitFor();
    await expect(page.locator(`${W} textarea`).getAttribute('placeholder')).resolves.toBe('Nachricht schreiben…');
    await call('setLocale', 'fr');
    await page.locator(`${W} textarea[placeholder="Écrivez un message…"]`).waitFor();
    await call('close');
    await dialog().waitFor({ state: 'detached' });
    await call('toggle');
    await dialog().waitFor();
    await call('toggle');
    await dialog().waitFor({ state: 'detached' });
    expect(await events('open')).toHaveLength(2);
    expect(await events('close')).toHaveLength(2);

    // A late subscriber to 'ready' is called at once.
    const late = await page.evaluate(
      () => new Promise<boolean>((resolve) => void (window as unknown as PageGlobals).Switchboard('on', 'ready', () => resolve(true))),
    );
    expect(late).toBe(true);
  });

  it('showNewMessage opens the panel with the text in the box, unsent', async () => {
    await load();
    await call('showNewMessage', 'I need help with order 1234');
    await dialog().waitFor();
    await expect(page.locator(`${W} textarea`).inputValue()).resolves.toBe('I need help with order 1234');
    await page.waitForFunction(() => (window as unknown as PageGlobals).__session !== undefined);
    await expect(page.locator(`${W} .sb-msg-customer`).count()).resolves.toBe(0);
    // Again while open: the box takes the new text.
    await call('showNewMessage', 'Another question');
    await expect(page.locator(`${W} textarea`).inputValue()).resolves.toBe('Another question');
  });

  it('reports each new message once, and the unread count while the panel is closed', async () => {
    await load();
    await call('open');
    await page.waitForFunction(() => (window as unknown as PageGlobals).__session !== undefined);
    await page.locator(`${W} textarea`).fill('What are your opening hours?');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => (window as unknown as PageGlobals).__events.some(([n, m]) => n === 'message' && (m as { role: string }).role === 'customer'));
    await call('close');
    // The reply streams in while the panel is closed.
    await page.waitForFunction(() => (window as unknown as PageGlobals).__events.some(([n, count]) => n === 'unread' && count === 1), undefined, { timeout: 20_000 });
    await expect(launcher().getAttribute('aria-label')).resolves.toMatch(/1 unread message/);
    const messages = (await events('message')) as { role: string; id: string; status?: string }[];
    const agentReplies = messages.filter((m) => m.role === 'agent' && m.status === 'complete');
    expect(agentReplies).toHaveLength(1);
    expect(new Set(messages.map((m) => m.id)).size).toBe(messages.length);
    await call('open');
    await page.waitForFunction(() => {
      const unread = (window as unknown as PageGlobals).__events.filter(([n]) => n === 'unread');
      return unread[unread.length - 1]?.[1] === 0;
    });
  });

  it('update records the page URL and metadata on the session; identify and boot switch customer; shutdown forgets everything', async () => {
    await load();
    await call('open');
    await page.waitForFunction(() => (window as unknown as PageGlobals).__session !== undefined);
    const first = (await sessionOf()) as CustomerSessionDto;

    // A single-page app's route change.
    await call('update', { url: 'https://shop.example/cart', metadata: { plan: 'pro' } });
    await waitUntil(async () => (await restSession(first.id)).metadata.pageUrl === 'https://shop.example/cart');
    expect((await restSession(first.id)).metadata).toMatchObject({ plan: 'pro', pageUrl: 'https://shop.example/cart' });
    await call('update', { metadata: { cartItems: 3 } });
    await waitUntil(async () => (await restSession(first.id)).metadata.cartItems === 3);
    expect((await restSession(first.id)).metadata).toMatchObject({ plan: 'pro', cartItems: 3, pageUrl: `${server.url}/demo` });

    // Logging out: no launcher, no token, nothing connected.
    await call('shutdown');
    await launcher().waitFor({ state: 'detached' });
    expect(await events('close')).toHaveLength(1);
    const keys = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.endsWith(':token')));
    expect(keys).toEqual([]);
    await call('open'); // ignored while shut down
    await expect(dialog().count()).resolves.toBe(0);

    // Logging in as a verified customer, without a reload.
    const secretRes = await fetch(`${server.url}/v1/agents/${server.demoAgentId}/identity-secret`, { headers: { authorization: `Bearer ${server.masterKey}` } });
    const { identitySecret } = (await secretRes.json()) as { identitySecret: string };
    const hash = (id: string) => createHmac('sha256', identitySecret).update(id).digest('hex');
    await call('boot', { customerId: 'cust-77', customerHash: hash('cust-77'), metadata: { plan: 'team' } });
    await launcher().waitFor();
    await call('open');
    await page.waitForFunction((old) => (window as unknown as PageGlobals).__session?.id !== undefined && (window as unknown as PageGlobals).__session?.id !== old, first.id);
    const second = (await sessionOf()) as CustomerSessionDto;
    const stored = await restSession(second.id);
    expect(stored.customerId).toBe('cust-77');
    expect(stored.metadata).toMatchObject({ plan: 'team' });

    // identify: another customer, another session, same page.
    await call('identify', { customerId: 'cust-78', customerHash: hash('cust-78') });
    await page.waitForFunction((old) => (window as unknown as PageGlobals).__session?.id !== old, second.id);
    expect((await restSession(((await sessionOf()) as CustomerSessionDto).id)).customerId).toBe('cust-78');
  });

  it('boot with hideLauncher starts without the launcher; the page opens the panel from its own button', async () => {
    await load([['shutdown'], ['boot', { hideLauncher: true }]]);
    await expect(launcher().isVisible()).resolves.toBe(false);
    await call('open');
    await dialog().waitFor();
    await call('close');
    await dialog().waitFor({ state: 'detached' });
    await expect(launcher().isVisible()).resolves.toBe(false);
  });
});
