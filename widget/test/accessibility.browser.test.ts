/**
 * The widget audited with axe-core (WCAG 2.1 A and AA, and axe's best practices) in every
 * state a visitor can meet: closed, chatting, offline, refused, a call offer, ended and rated,
 * and on a phone — in headless Chromium against the real server.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { AgentDto } from '../../shared/src/index';
import { accessibilityViolations } from '../../server/test/support/accessibility';
import { describeWithBrowser, launchBrowser } from '../../server/test/support/browser';
import { startFakeLlm, type FakeLlm } from '../../server/test/support/fake-llm-server';
import { startTestServer, type TestServer } from '../../server/test/support/test-server';

const W = 'switchboard-widget';

describeWithBrowser('widget accessibility (axe-core)', () => {
  let server: TestServer;
  let llm: FakeLlm;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const staff = (path: string, body: unknown) =>
    fetch(`${server.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${server.masterKey}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  beforeAll(async () => {
    [server, llm] = await Promise.all([startTestServer({ env: { MAX_MESSAGE_CHARS: '300' } }), startFakeLlm()]);
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await llm?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext({ locale: 'en-US' });
    page = await context.newPage();
  });
  afterEach(() => context?.close());

  async function openChat(agentQuery = ''): Promise<void> {
    await page.goto(`${server.url}/demo${agentQuery}`);
    await page.locator(`${W} .sb-launcher`).click();
    await page.locator(`${W} textarea`).waitFor();
  }

  async function send(text: string): Promise<void> {
    await page.locator(`${W} textarea`).fill(text);
    await page.keyboard.press('Enter');
  }

  async function sessionId(): Promise<string> {
    const token = await page.evaluate(() => Object.entries(localStorage).find(([k]) => k.endsWith(':token'))?.[1] ?? '');
    const res = await fetch(`${server.url}/v1/chat/sessions?limit=50`, { headers: { authorization: `Bearer ${server.masterKey}` } });
    const { sessions } = (await res.json()) as { sessions: { id: string }[] };
    // The widget keeps only its token; the newest session is this page's.
    expect(token).not.toBe('');
    return sessions[0]?.id ?? '';
  }

  it('the launcher, and a chat with a streamed reply, a person\'s message and a help request', async () => {
    await page.goto(`${server.url}/demo`);
    await page.locator(`${W} .sb-launcher`).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);

    await openChat();
    await send('What are your opening hours?');
    await page.locator(`${W} .sb-msg-agent`).nth(1).waitFor();
    await page.locator(`${W} [aria-busy=true]`).waitFor({ state: 'detached' });
    const tell = 'Hi, Sam from support here. To return it:\n1. pack it\n2. print the label:\n```\nRMA-1042 <b>\n```';
    expect((await staff(`/v1/chat/sessions/${await sessionId()}/tell`, { content: tell })).status).toBe(201);
    // Formatted as the model or person wrote it: a numbered list and a code block, as elements.
    await page.locator(`${W} .sb-msg-operator ol li`).nth(1).waitFor();
    await expect(page.locator(`${W} .sb-msg-operator pre code`).innerText()).resolves.toBe('RMA-1042 <b>');
    await page.locator(`${W} .sb-chip`, { hasText: 'Talk to a human' }).click();
    await page.locator(`${W} .sb-banner`, { hasText: 'A person has been asked to join' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('offline with a message waiting, and a message refused as too long', async () => {
    await openChat();
    await context.setOffline(true);
    await page.locator(`${W} .sb-banner`, { hasText: "You're offline" }).waitFor();
    await send('sent while offline');
    await page.locator(`${W} .sb-pending`).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);

    await context.setOffline(false);
    await page.locator(`${W} .sb-pending`).waitFor({ state: 'detached', timeout: 20_000 });
    await send('x'.repeat(301));
    await page.locator(`${W} .sb-pending .sb-error`).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('the call offer card, with a phone number refused', async () => {
    const res = await staff('/v1/agents', {
      name: 'Caller',
      llm: { provider: 'openai-compatible', model: 'fake', baseUrl: llm.url },
      callEscalation: { enabled: true, webhookUrl: 'http://127.0.0.1:9/calls', secret: 'a-call-secret-0123456789', voiceAgentId: 'va_1' },
    });
    const { agent } = (await res.json()) as { agent: AgentDto };
    llm.enqueue({ toolCalls: [{ name: 'offer_call', arguments: JSON.stringify({ reason: 'billing is quicker by phone' }) }] }, { tokens: ['I can call you.'] });
    await openChat(`?agent=${agent.id}`);
    await send('Can we sort this out by phone?');
    const card = page.locator(`${W} form.sb-card`);
    await card.waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await card.locator('input').fill('555');
    await card.locator('button[type=submit]').click();
    await page.locator(`${W} #sb-phone-error`).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('with a light accent colour (data-color="#ffd400") its text stays readable', async () => {
    // A page of the server's own origin, so nothing but the widget's attributes differ from /demo.
    const site = `${server.url}/shop-with-a-yellow-theme`;
    const html = `<!doctype html><html lang="en"><head><title>Shop</title></head><body><main><h1>Shop</h1></main>
<script src="/widget.js" data-agent="${server.demoAgentId}" data-color="#ffd400" async></script></body></html>`;
    await page.route(site, (route) => route.fulfill({ contentType: 'text/html', body: html }));
    await page.goto(site);
    await page.locator(`${W} .sb-launcher`).click();
    await send('Do you ship abroad?');
    await page.locator(`${W} .sb-msg-customer`).waitFor();
    await page.locator(`${W} .sb-msg-agent`).nth(1).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('speaks the browser\'s language (French here), and says which it is for screen readers', async () => {
    await context.close();
    context = await browser.newContext({ locale: 'fr-FR' });
    page = await context.newPage();
    await page.goto(`${server.url}/demo`);
    const launcher = page.locator(`${W} .sb-launcher`);
    await expect(launcher.getAttribute('aria-label')).resolves.toBe('Ouvrir le chat');
    await launcher.click();
    await page.locator(`${W} textarea[placeholder="Écrivez un message…"]`).waitFor();
    await expect(page.locator(`${W} .sb-root`).getAttribute('lang')).resolves.toBe('fr');
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('on a phone: a chat that ended, its rating form, and the thanks', async () => {
    await page.setViewportSize({ width: 360, height: 640 });
    await openChat();
    expect(await accessibilityViolations(page)).toEqual([]);
    expect((await staff(`/v1/chat/sessions/${await sessionId()}/close`, {})).status).toBe(200);
    const form = page.locator(`${W} [data-testid=csat-form]`);
    await form.waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.locator(`${W} [data-testid=csat-5]`).check({ force: true });
    await page.locator(`${W} [data-testid=csat-submit]`).click();
    await page.locator(`${W} [data-testid=csat-thanks]`).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
  });
});
