/**
 * A reply that fails before its first word (issue 22.7): the widget used to leave an empty
 * bubble with typing dots for good; it now says the reply could not be completed. Real server,
 * the demo page, and the loopback fake model answering 500 to every request.
 */
import type { Browser, Page } from 'playwright-core';
import { describeWithBrowser, launchBrowser } from '../../server/test/support/browser';
import { startFakeLlm, type FakeLlm } from '../../server/test/support/fake-llm-server';
import { httpClient } from '../../server/test/support/http-client';
import { startTestServer, type TestServer } from '../../server/test/support/test-server';

jest.setTimeout(90_000);
const W = 'switchboard-widget';

describeWithBrowser('widget: a failed reply', () => {
  let server: TestServer;
  let llm: FakeLlm;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [server, llm] = await Promise.all([startTestServer(), startFakeLlm()]);
    llm.setResponder(() => ({ status: 500, errorMessage: 'upstream down' }));
    await httpClient(server.url, server.masterKey).patch(`/v1/agents/${server.demoAgentId}`, { llm: { provider: 'openai-compatible', model: 'fake', baseUrl: llm.url, apiKey: 'k' } });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 390, height: 800 } });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await llm?.close();
  });

  it('shows the failed state in the bubble, no typing dots left behind', async () => {
    await page.goto(`${server.url}/demo`);
    await page.locator(`${W} .sb-launcher`).click();
    await page.locator(`${W} textarea`).fill('Hello?');
    await page.keyboard.press('Enter');
    const ended = page.locator(`${W} .sb-msg-agent [data-testid=reply-ended]`);
    await ended.waitFor({ timeout: 30_000 });
    expect(await ended.textContent()).toBe("The reply couldn't be completed");
    expect(await page.locator(`${W} .sb-msg-agent .sb-dots`).count()).toBe(0);
  });
});
