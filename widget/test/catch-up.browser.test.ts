/**
 * A visitor offline for longer than connection recovery keeps packets for: the widget must
 * bring back everything said meanwhile from `messages:since`, which answers at most 500
 * messages at a time. Recovery keeps one packet here, so only the catch-up can do it.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describeWithBrowser, launchBrowser } from '../../server/test/support/browser';
import { startTestServer, type TestServer } from '../../server/test/support/test-server';

const W = 'switchboard-widget';
/** More than the snapshot's 50 recent messages plus one 500-message answer. */
const GAP = 600;

describeWithBrowser('widget catch-up after a long time offline', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    server = await startTestServer({ env: { SOCKET_RECOVERY_MAX_PACKETS: '1' } });
    browser = await launchBrowser();
    context = await browser.newContext({ locale: 'en-US' });
    page = await context.newPage();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const bubbles = (): Promise<string[]> =>
    page.evaluate((tag) => [...(document.querySelector(tag)?.shadowRoot?.querySelectorAll('.sb-bubble') ?? [])].map((b) => b.textContent ?? ''), W);

  /** The id of the newest session once it has stored a customer message saying `text`. */
  async function waitForSessionWith(text: string): Promise<string> {
    const auth = { authorization: `Bearer ${server.masterKey}` };
    for (let tries = 0; tries < 100; tries++) {
      const list = (await (await fetch(`${server.url}/v1/chat/sessions?limit=1`, { headers: auth })).json()) as { sessions: { id: string }[] };
      const id = list.sessions[0]?.id;
      if (id) {
        const messages = (await (await fetch(`${server.url}/v1/chat/sessions/${id}/messages`, { headers: auth })).json()) as { messages: { role: string; content: string }[] };
        if (messages.messages.some((m) => m.role === 'customer' && m.content === text)) return id;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no session stored "${text}" within 10 s`);
  }

  /** The operator tells the customer `n` things while the widget is away. */
  async function tellMany(sessionId: string, n: number): Promise<void> {
    for (let i = 0; i < n; i++) {
      const res = await fetch(`${server.url}/v1/chat/sessions/${sessionId}/tell`, {
        method: 'POST',
        headers: { authorization: `Bearer ${server.masterKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ content: `missed ${i}` }),
      });
      expect(res.status).toBe(201);
    }
  }

  it('shows every message said meanwhile, once and in order', async () => {
    await page.goto(`${server.url}/demo`);
    await page.locator(`${W} .sb-launcher`).click();
    await page.locator(`${W} textarea`).fill('before the gap');
    await page.keyboard.press('Enter');
    await page.locator(`${W} .sb-msg-customer .sb-bubble`, { hasText: 'before the gap' }).waitFor();
    // The bubble shows as soon as the customer sends; the session and message are stored a moment later.
    const sessionId = await waitForSessionWith('before the gap');

    await context.setOffline(true);
    await page.locator(`${W} .sb-banner`, { hasText: "You're offline" }).waitFor();
    await tellMany(sessionId, GAP);
    await context.setOffline(false);

    // Waits for all of them; on a timeout the assertion below says what is missing.
    await page
      .waitForFunction(
        ([tag, n]) => [...(document.querySelector(tag as string)?.shadowRoot?.querySelectorAll('.sb-bubble') ?? [])].filter((b) => b.textContent?.startsWith('missed ')).length >= (n as number),
        [W, GAP],
        { timeout: 20_000 },
      )
      .catch(() => undefined);
    expect((await bubbles()).filter((t) => t.startsWith('missed '))).toEqual(Array.from({ length: GAP }, (_, i) => `missed ${i}`));
  }, 60_000); // 600 stored messages, then as many bubbles: long on a busy CI machine
});
