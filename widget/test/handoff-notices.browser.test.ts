/**
 * The handoff as the customer sees it (issue 22.3): a person joining is announced, and so is the
 * AI coming back on release — which also answers the message the customer sent while the person
 * had the chat and left unanswered. Real server, the demo page in Chromium, an admin over REST,
 * and the loopback fake model.
 */
import type { Browser, Page } from 'playwright-core';
import type { SessionPage } from '../../shared/src/contract/types';
import { describeWithBrowser, launchBrowser } from '../../server/test/support/browser';
import { startFakeLlm, type FakeLlm } from '../../server/test/support/fake-llm-server';
import { httpClient, type HttpClient } from '../../server/test/support/http-client';
import { loginAdmin } from '../../server/test/support/operator-helpers';
import { startTestServer, type TestServer } from '../../server/test/support/test-server';

jest.setTimeout(90_000);
const W = 'switchboard-widget';

describeWithBrowser('widget: handoff notices', () => {
  let server: TestServer;
  let llm: FakeLlm;
  let browser: Browser;
  let page: Page;
  let admin: HttpClient;

  beforeAll(async () => {
    [server, llm] = await Promise.all([startTestServer(), startFakeLlm()]);
    await httpClient(server.url, server.masterKey).patch(`/v1/agents/${server.demoAgentId}`, { llm: { provider: 'openai-compatible', model: 'fake', baseUrl: llm.url, apiKey: 'k' } });
    admin = (await loginAdmin(server)).http;
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 390, height: 800 } });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await llm?.close();
  });

  const send = async (text: string): Promise<void> => {
    await page.locator(`${W} textarea`).fill(text);
    await page.keyboard.press('Enter');
  };
  const agentReplies = () => page.locator(`${W} .sb-msg-agent .sb-bubble`);

  it('says when a person joins and when the AI is back, and the AI answers what was left unanswered', async () => {
    await page.goto(`${server.url}/demo`);
    await page.locator(`${W} .sb-launcher`).click();
    llm.enqueue({ tokens: ['Hello, ', 'how can I help?'] });
    await send('Hi there');
    await agentReplies().filter({ hasText: 'how can I help?' }).waitFor();

    const sessions = (await admin.get<SessionPage>(`/v1/chat/sessions?agentId=${server.demoAgentId}`)).body.sessions;
    const sessionId = sessions[0]?.id;
    if (!sessionId) throw new Error('the widget made no session');
    expect((await admin.post(`/v1/chat/sessions/${sessionId}/takeover`)).status).toBe(200);
    await page.locator(`${W} .sb-msg-system`).filter({ hasText: 'joined the chat' }).waitFor();

    // Sent while the person has the chat, and never answered by them.
    await send('Is my parcel on its way?');
    await page.locator(`${W} .sb-msg-customer`).filter({ hasText: 'Is my parcel on its way?' }).waitFor();
    const asked = llm.requests.length;
    llm.enqueue({ tokens: ['It left ', 'the warehouse today.'] });
    expect((await admin.post(`/v1/chat/sessions/${sessionId}/release`)).status).toBe(200);

    await page.locator(`${W} .sb-msg-system`).filter({ hasText: 'The AI assistant is back in the chat' }).waitFor();
    await agentReplies().filter({ hasText: 'It left the warehouse today.' }).waitFor();
    const body = await llm.waitForRequest(asked + 1);
    expect(body.messages.filter((m) => m.role === 'user').map((m) => m.content).at(-1)).toBe('Is my parcel on its way?');
    // Answered once: one model request, one bubble.
    await page.waitForTimeout(300);
    expect(llm.requests.length).toBe(asked + 1);
    expect(await agentReplies().filter({ hasText: 'It left the warehouse today.' }).count()).toBe(1);
  });
});
