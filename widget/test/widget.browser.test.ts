/**
 * The widget as a visitor meets it: the real server's /demo page, the freshly built
 * widget.js, headless Chromium. Locators pierce the widget's open shadow root.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { CustomerSessionDto, MessageDto } from '../../shared/src/index';
import { describeWithBrowser, launchBrowser } from '../../server/test/support/browser';
import { startTestServer, type TestServer } from '../../server/test/support/test-server';

const W = 'switchboard-widget';
const HOSTILE = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';

interface PageGlobals {
  __session?: CustomerSessionDto;
  __pwned?: number;
}

describeWithBrowser('widget in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    // A small per-word delay so the reply visibly streams.
    server = await startTestServer({ env: { OFFLINE_WORD_DELAY_MS: '30' } });
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  beforeEach(async () => {
    context = await browser.newContext({ locale: 'en-US' });
    page = await context.newPage();
    // The host page's queue stub, as integrators paste it; records the session for the test.
    await page.addInitScript(() => {
      type Stub = ((...args: unknown[]) => void) & { q?: unknown[][] };
      const w = window as unknown as { Switchboard?: Stub; __session?: unknown };
      const stub: Stub = (...args) => void (stub.q = stub.q ?? []).push(args);
      w.Switchboard = w.Switchboard ?? stub;
      w.Switchboard('on', 'session', (s: unknown) => (w.__session = s));
    });
  });

  afterEach(async () => {
    await context?.close();
  });

  async function openWidget(): Promise<void> {
    await page.goto(`${server.url}/demo`);
    const launcher = page.locator(`${W} .sb-launcher`);
    await launcher.click();
    await page.locator(`${W} [role=dialog]`).waitFor();
    await page.waitForFunction(() => (window as PageGlobals).__session !== undefined);
  }

  async function send(text: string): Promise<void> {
    await page.locator(`${W} textarea`).fill(text);
    await page.keyboard.press('Enter');
  }

  const customerBubbles = (text: string) => page.locator(`${W} .sb-msg-customer .sb-bubble`, { hasText: text });
  const sessionId = (): Promise<string> => page.evaluate(() => (window as PageGlobals).__session?.id ?? '');

  async function storedMessages(id: string): Promise<MessageDto[]> {
    const res = await fetch(`${server.url}/v1/chat/sessions/${id}/messages`, { headers: { authorization: `Bearer ${server.masterKey}` } });
    expect(res.status).toBe(200);
    return ((await res.json()) as { messages: MessageDto[] }).messages;
  }

  it('opens with focus in the composer, streams the reply, and shows the history after a reload', async () => {
    await openWidget();
    await expect(page.locator(`${W} .sb-launcher`).getAttribute('aria-expanded')).resolves.toBe('true');
    expect(await page.evaluate(() => document.querySelector('switchboard-widget')?.shadowRoot?.activeElement?.tagName)).toBe('TEXTAREA');
    await page.locator(`${W} .sb-msg-agent`).first().waitFor(); // the greeting

    await send('What are your opening hours?');
    await page.locator(`${W} .sb-msg-agent.sb-streaming`).waitFor({ timeout: 10_000 }); // mid-stream
    await page.waitForFunction(
      (tag) => {
        const root = document.querySelector(tag)?.shadowRoot;
        return !!root && root.querySelectorAll('.sb-msg-agent').length === 2 && !root.querySelector('.sb-streaming');
      },
      W,
      { timeout: 15_000 },
    );
    const reply = (await page.locator(`${W} .sb-msg-agent .sb-bubble`).nth(1).innerText()).trim();
    expect(reply.length).toBeGreaterThan(0);

    await page.reload();
    await page.locator(`${W} .sb-launcher`).click();
    await customerBubbles('What are your opening hours?').waitFor();
    await expect(customerBubbles('What are your opening hours?').count()).resolves.toBe(1);
    await expect(page.locator(`${W} .sb-msg-agent .sb-bubble`).nth(1).innerText()).resolves.toBe(reply);
  });

  it('queues a message sent offline and delivers it exactly once when back online', async () => {
    await openWidget();
    await context.setOffline(true);
    await page.locator(`${W} .sb-banner`, { hasText: "You're offline" }).waitFor();

    await send('sent while offline');
    await page.locator(`${W} .sb-pending`, { hasText: 'Sending' }).waitFor();

    await context.setOffline(false);
    await page.waitForFunction((tag) => !document.querySelector(tag)?.shadowRoot?.querySelector('.sb-pending'), W, { timeout: 20_000 });
    await page.locator(`${W} .sb-banner-empty`).waitFor({ state: 'attached' });
    await expect(customerBubbles('sent while offline').count()).resolves.toBe(1);
    const stored = await storedMessages(await sessionId());
    expect(stored.filter((m) => m.role === 'customer' && m.content === 'sent while offline')).toHaveLength(1);
  });

  it('shows hostile customer and operator text as text, never as markup', async () => {
    await openWidget();
    await send(HOSTILE);
    await customerBubbles('onerror').waitFor();
    const res = await fetch(`${server.url}/v1/chat/sessions/${await sessionId()}/tell`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.masterKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ content: `Operator says ${HOSTILE} and **hello**` }),
    });
    expect(res.status).toBeLessThan(300);
    const operator = page.locator(`${W} .sb-msg-operator`);
    await operator.waitFor();
    await expect(operator.locator('.sb-bubble').innerText()).resolves.toContain('<script>window.__pwned=1</script>');
    await expect(operator.locator('.sb-bubble strong').innerText()).resolves.toBe('hello');
    await expect(operator.locator('.sb-author').innerText()).resolves.toMatch(/\(support\)$/);
    await expect(customerBubbles('onerror').innerText()).resolves.toBe(HOSTILE);
    await expect(page.locator(`${W} img, ${W} script`).count()).resolves.toBe(0);
    expect(await page.evaluate(() => (window as PageGlobals).__pwned)).toBeUndefined();
  });

  it('shows a hostile agent name and greeting as text, never as markup', async () => {
    const res = await fetch(`${server.url}/v1/agents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.masterKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: `Agent ${HOSTILE}`, greeting: `Hello ${HOSTILE}` }),
    });
    expect(res.status).toBe(201);
    const { agent } = (await res.json()) as { agent: { id: string } };
    await page.goto(`${server.url}/demo?agent=${agent.id}`);
    await page.locator(`${W} .sb-launcher`).click();
    await page.locator(`${W} [role=dialog]`).waitFor();
    await page.waitForFunction(() => (window as PageGlobals).__session !== undefined);
    await page.waitForFunction((tag) => (document.querySelector(tag)?.shadowRoot?.textContent ?? '').includes('onerror'), W);
    await expect(page.locator(`${W} img, ${W} script`).count()).resolves.toBe(0);
    expect(await page.evaluate(() => (window as PageGlobals).__pwned)).toBeUndefined();
  });

  it("speaks the agent's language to a browser asking for none the widget has, and starts in it on the next visit", async () => {
    const res = await fetch(`${server.url}/v1/agents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.masterKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Laden', language: 'de' }),
    });
    expect(res.status).toBe(201);
    const { agent } = (await res.json()) as { agent: { id: string } };
    await context.close();
    context = await browser.newContext({ locale: 'sv-SE' });
    page = await context.newPage();
    await page.goto(`${server.url}/demo?agent=${agent.id}`);
    await page.locator(`${W} .sb-launcher`).click();
    await page.locator(`${W} .sb-chip`, { hasText: 'Mit einem Menschen sprechen' }).waitFor();
    await expect(page.locator(`${W} .sb-root`).getAttribute('lang')).resolves.toBe('de');

    // Next visit, with the server out of reach: German from the start, not English until connected.
    await page.route('**/socket.io/**', (route) => route.abort());
    await page.reload();
    await page.locator(`${W} .sb-launcher[aria-label="Chat öffnen"]`).waitFor();
  });

  it('asks for a human, ends the chat and starts a new one', async () => {
    await openWidget();
    const first = await sessionId();
    await page.locator(`${W} .sb-chip`, { hasText: 'Talk to a human' }).click();
    await page.locator(`${W} .sb-banner`, { hasText: 'A person has been asked to join' }).waitFor();

    await page.locator(`${W} .sb-end`).click();
    await page.locator(`${W} .sb-danger`).click();
    await page.locator(`${W} .sb-closed`, { hasText: 'This chat has ended' }).waitFor();
    // The header says so too, not who was answering.
    await page.locator(`${W} [data-testid=widget-subtitle]`, { hasText: 'This chat has ended' }).waitFor();
    await page.locator(`${W} .sb-closed button`, { hasText: 'Start a new chat' }).click(); // the rating form has a button too
    await page.waitForFunction((id) => {
      const s = (window as PageGlobals).__session;
      return s !== undefined && s.id !== id;
    }, first);
    await page.locator(`${W} textarea`).waitFor();
    await page.locator(`${W} [data-testid=widget-subtitle]`, { hasText: 'AI assistant' }).waitFor();
  });

  it('closes on Escape with focus back on the launcher, and goes full-screen at 360px', async () => {
    await page.setViewportSize({ width: 360, height: 640 });
    await openWidget();
    const panel = page.locator(`${W} .sb-panel`);
    // Measured once its opening animation has run (mid-animation it is still sliding in).
    await panel.evaluate((el) => Promise.all(el.getAnimations().map((a) => a.finished)));
    expect(await panel.boundingBox()).toMatchObject({ x: 0, y: 0, width: 360, height: 640 });
    await page.keyboard.press('Escape');
    await page.locator(`${W} [role=dialog]`).waitFor({ state: 'detached' });
    // Focus moves in an effect, a frame after the dialog has gone.
    const focused = () => document.querySelector('switchboard-widget')?.shadowRoot?.activeElement?.className;
    await page.waitForFunction(focused, undefined, { timeout: 2_000 }).catch(() => undefined);
    expect(await page.evaluate(focused)).toBe('sb-launcher');
    await expect(page.locator(`${W} .sb-launcher`).getAttribute('aria-expanded')).resolves.toBe('false');
  });
});
