/**
 * The pre-chat form (lead capture, SPEC §9) in headless Chromium against the real server: an
 * agent with `prechat` fields asks them in place of the composer; a bad email is refused
 * under its field (announced, focused); once sent, the visitor chats as usual.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { AgentDto, SessionDto } from '../../shared/src/index';
import { describeWithBrowser, launchBrowser } from '../../server/test/support/browser';
import { accessibilityViolations } from '../../server/test/support/accessibility';
import { startTestServer, type TestServer } from '../../server/test/support/test-server';

const W = 'switchboard-widget';

describeWithBrowser('widget: the pre-chat form', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let agent: AgentDto;
  const staff = (path: string, init: RequestInit = {}) =>
    fetch(`${server.url}${path}`, { ...init, headers: { authorization: `Bearer ${server.masterKey}`, 'content-type': 'application/json', ...(init.headers ?? {}) } });

  beforeAll(async () => {
    server = await startTestServer({ env: { SEED_DEMO: 'false' } });
    browser = await launchBrowser();
    const res = await staff('/v1/agents', {
      method: 'POST',
      body: JSON.stringify({
        name: 'Sales',
        greeting: 'Hi! Tell us who you are and we will get going.',
        fields: [
          { key: 'name', label: 'Your name', type: 'string', required: true, prechat: true },
          { key: 'email', label: 'Work email', type: 'email', required: true, prechat: true },
          { key: 'plan', label: 'Plan', type: 'enum', options: ['Basic', 'Pro'], prechat: true },
          { key: 'budget', label: 'Budget', type: 'number', description: 'asked by the AI later' },
        ],
      }),
    });
    agent = ((await res.json()) as { agent: AgentDto }).agent;
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext({ locale: 'en-US' });
    page = await context.newPage();
  });
  afterEach(() => context?.close());

  it('asks the fields before the first message, refuses a bad email under its field, then chats', async () => {
    await page.goto(`${server.url}/demo?agent=${agent.id}`);
    await page.locator(`${W} .sb-launcher`).click();
    const form = page.locator(`${W} [data-testid=prechat-form]`);
    await form.waitFor();
    expect(await page.locator(`${W} textarea#sb-input`).count()).toBe(0);
    expect(await form.locator('label').allInnerTexts()).toEqual(['Your name', 'Work email', 'Plan (optional)']);
    expect(await form.innerText()).not.toContain('Budget');
    expect(await accessibilityViolations(page)).toEqual([]);

    // Keyboard only: the focus is on the first question; type, Tab to the next, Enter submits.
    const focusedId = () => page.locator(W).evaluate((host) => host.shadowRoot?.activeElement?.id ?? null);
    await expect(focusedId()).resolves.toBe('sb-pre-name');
    await page.keyboard.type('Ada Lovelace');
    await page.keyboard.press('Tab');
    await page.keyboard.type('ada-at-example');
    await page.keyboard.press('Enter');
    const error = page.locator(`${W} #sb-pre-email-error`);
    await error.waitFor();
    expect(await error.getAttribute('role')).toBe('alert');
    expect(await error.innerText()).toBe('Please enter a valid email address, like name@example.com');
    const email = page.locator(`${W} #sb-pre-email`);
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    expect(await email.getAttribute('aria-describedby')).toBe('sb-pre-email-error');
    expect(await email.evaluate((el) => (el.getRootNode() as ShadowRoot).activeElement === el)).toBe(true);
    expect(await accessibilityViolations(page)).toEqual([]);

    await email.fill('Ada@Example.com');
    await page.locator(`${W} #sb-pre-plan`).selectOption('Pro');
    await page.locator(`${W} [data-testid=prechat-submit]`).click();
    await page.locator(`${W} textarea#sb-input`).waitFor();
    expect(await form.count()).toBe(0);

    const list = ((await (await staff(`/v1/chat/sessions?agentId=${agent.id}`)).json()) as { sessions: SessionDto[] }).sessions;
    expect(list).toHaveLength(1);
    expect(list[0]?.fields).toEqual({ name: 'Ada Lovelace', email: 'Ada@example.com', plan: 'Pro' });

    await page.locator(`${W} textarea#sb-input`).fill('Do you offer a team discount?');
    await page.keyboard.press('Enter');
    await page.locator(`${W} .sb-msg-customer`).waitFor();
    await page.locator(`${W} .sb-msg-agent`).nth(1).waitFor();

    // Reloaded, the same session: the form is not asked again.
    await page.reload();
    await page.locator(`${W} .sb-launcher`).click();
    await page.locator(`${W} textarea#sb-input`).waitFor();
    expect(await page.locator(`${W} [data-testid=prechat-form]`).count()).toBe(0);
  });
});
