/**
 * The widget on a customer's page that has a strict Content-Security-Policy: only the
 * Switchboard host may serve scripts and take connections, and no inline style is allowed.
 * The page is served from another origin (its own loopback server), as on a real site, and
 * the agent allows exactly that origin. The chat must work and the browser must report no
 * CSP violation (what docs in widget/README.md tell integrators to allow).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { describeWithBrowser, launchBrowser } from '../../server/test/support/browser';
import { startTestServer, type TestServer } from '../../server/test/support/test-server';

const W = 'switchboard-widget';

interface PageGlobals {
  __violations?: string[];
  /** Whether the widget's banner ever said the visitor is offline. */
  __sawOffline?: boolean;
}

/**
 * The directives widget/README.md documents, for a widget served from `switchboardUrl`;
 * without `ws:` WebSockets are blocked, as some proxies do.
 */
function strictPolicy(switchboardUrl: string, allowWebSockets: boolean): string {
  const ws = allowWebSockets ? ` ${switchboardUrl.replace(/^http/, 'ws')}` : '';
  return [`default-src 'none'`, `script-src ${switchboardUrl}`, `connect-src ${switchboardUrl}${ws}`, `img-src blob:`].join('; ');
}

/** A customer's site on its own origin: `/` allows WebSockets, `/no-websockets` does not. */
async function startHostSite(switchboardUrl: string, agentId: string): Promise<{ server: Server; url: string }> {
  const page = `<!doctype html><html><head><title>Shop</title></head><body><h1>A shop</h1>
<script src="${switchboardUrl}/widget.js" data-agent="${agentId}" async></script></body></html>`;
  const server = createServer((req, res) => {
    const policy = strictPolicy(switchboardUrl, req.url !== '/no-websockets');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': policy });
    res.end(page);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describeWithBrowser('widget on a page with a strict Content-Security-Policy', () => {
  let switchboard: TestServer;
  let host: { server: Server; url: string };
  let browser: Browser;
  let page: Page;
  /** The paths the page fetched from Switchboard. */
  let fetched: string[];

  beforeAll(async () => {
    switchboard = await startTestServer({ env: { OFFLINE_WORD_DELAY_MS: '5' } });
    browser = await launchBrowser();
    host = await startHostSite(switchboard.url, switchboard.demoAgentId);
    // Only the host site's origin may embed the demo agent.
    const patched = await fetch(`${switchboard.url}/v1/agents/${switchboard.demoAgentId}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${switchboard.masterKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ allowedOrigins: [host.url] }),
    });
    expect(patched.status).toBe(200);
  }, 60_000);

  beforeEach(async () => {
    page = await browser.newPage({ locale: 'en-US' });
    fetched = [];
    page.on('request', (r) => void (r.url().startsWith(switchboard.url) && fetched.push(new URL(r.url()).pathname)));
    await page.addInitScript(() => {
      const w = window as PageGlobals;
      w.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => w.__violations?.push(`${e.violatedDirective} ${e.blockedURI}`));
      setInterval(() => {
        const banner = document.querySelector('switchboard-widget')?.shadowRoot?.querySelector('.sb-banner');
        if (banner?.textContent?.includes('offline')) w.__sawOffline = true;
      }, 10);
    });
  });

  afterEach(async () => {
    await page?.context().close();
  });

  async function chat(): Promise<void> {
    await page.locator(`${W} .sb-launcher`).click();
    await page.locator(`${W} [role=dialog]`).waitFor();
    await page.locator(`${W} textarea`).fill('What are your opening hours?');
    await page.keyboard.press('Enter');
    await page.locator(`${W} .sb-msg-agent .sb-bubble`, { hasText: 'Opening hours' }).waitFor({ timeout: 15_000 });
  }

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => host?.server.close(resolve));
    await switchboard?.close();
  });

  it('loads, styles itself and chats without a single CSP violation', async () => {
    await page.goto(host.url);
    await chat();
    // The stylesheet applied: the launcher is placed by the widget's own CSS.
    expect(await page.locator(`${W} .sb-launcher`).evaluate((el) => getComputedStyle(el).position)).toBe('fixed');
    expect(await page.evaluate(() => (window as PageGlobals).__violations)).toEqual([]);
    // Over the WebSocket alone: the long-polling code was never fetched, nor a polling request made.
    expect(fetched.filter((p) => p.includes('polling-fallback') || p.startsWith('/socket.io/'))).toEqual([]);
  });

  it('falls back to long-polling where WebSockets are blocked, and still chats', async () => {
    await page.goto(`${host.url}/no-websockets`);
    await chat();
    const violations = (await page.evaluate(() => (window as PageGlobals).__violations)) ?? [];
    // The WebSocket attempts were refused, and nothing else was.
    expect(violations.length).toBeGreaterThan(0);
    for (const v of violations) expect(v).toMatch(/^connect-src ws:/);
    // The long-polling transport was fetched for it, and carried the chat.
    expect(fetched.filter((p) => p.includes('polling-fallback'))).toHaveLength(1);
    expect(fetched.filter((p) => p.startsWith('/socket.io/')).length).toBeGreaterThan(0);
    // The failed WebSocket was retried over polling without telling the visitor they were offline.
    expect(await page.evaluate(() => (window as PageGlobals).__sawOffline ?? false)).toBe(false);
  });
});
