/**
 * A tool with a progress label running during a reply: the visitor sees the label as a
 * status line in the streaming bubble, then the answer — and never the tool call itself.
 */
import type { Browser, Page } from 'playwright-core';
import { describeWithBrowser, launchBrowser } from '../../server/test/support/browser';
import { startFakeLlm, type FakeLlm } from '../../server/test/support/fake-llm-server';
import { startTestServer, type TestServer } from '../../server/test/support/test-server';
import { startToolServer, type ToolServer } from '../../server/test/tools/tool-server';

const W = 'switchboard-widget';

describeWithBrowser('widget: a tool’s progress label', () => {
  let server: TestServer;
  let llm: FakeLlm;
  let tools: ToolServer;
  let browser: Browser;
  let page: Page;
  let agentId: string;

  beforeAll(async () => {
    [server, llm, tools] = await Promise.all([startTestServer({ env: { SEED_DEMO: 'false' } }), startFakeLlm(), startToolServer()]);
    browser = await launchBrowser();
    const res = await fetch(`${server.url}/v1/agents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.masterKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Shop',
        llm: { provider: 'openai-compatible', model: 'fake', baseUrl: llm.url },
        // `/slow` answers after 1.5 s: long enough to see the label.
        tools: [{ name: 'order_status', description: 'Order status', http: { url: `${tools.url}/slow` }, timeoutMs: 5_000, progressLabel: 'Checking your order…' }],
      }),
    });
    agentId = ((await res.json()) as { agent: { id: string } }).agent.id;
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await Promise.all([llm?.close(), tools?.close()]);
  });

  beforeEach(async () => {
    page = await browser.newPage({ locale: 'en-US' });
  });
  afterEach(async () => {
    await page?.close();
  });

  it('shows the label while the tool runs, then the answer without it', async () => {
    await page.goto(`${server.url}/demo?agent=${agentId}`);
    await page.locator(`${W} .sb-launcher`).click();
    await page.locator(`${W} textarea`).waitFor();
    llm.enqueue({ toolCalls: [{ name: 'order_status', arguments: '{}' }] }, { tokens: ['It has ', 'shipped.'] });
    await page.locator(`${W} textarea`).fill('where is my order?');
    await page.keyboard.press('Enter');
    const label = page.locator(`${W} .sb-msg-agent.sb-streaming .sb-progress`);
    await label.waitFor({ timeout: 10_000 });
    await expect(label.innerText()).resolves.toBe('Checking your order…');
    await page.locator(`${W} .sb-msg-agent .sb-bubble`, { hasText: 'It has shipped.' }).waitFor({ timeout: 10_000 });
    await expect(page.locator(`${W} .sb-progress`).count()).resolves.toBe(0);
    await expect(page.locator(`${W}`).evaluate((el) => el.shadowRoot?.textContent ?? '')).resolves.not.toContain('order_status');
  });
});
