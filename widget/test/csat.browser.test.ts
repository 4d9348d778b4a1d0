/**
 * CSAT and attachments in the widget, in headless Chromium against the real server: the
 * visitor rates a chat once it ends, and an image sent from the widget previews in the
 * thread (fetched with the session token, as a blob).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { CustomerSessionDto, MessageDto, SessionDto } from '../../shared/src/index';
import { describeWithBrowser, launchBrowser } from '../../server/test/support/browser';
import { startTestServer, type TestServer } from '../../server/test/support/test-server';
import { PNG_1PX } from '../../server/test/support/factories';

const W = 'switchboard-widget';

interface PageGlobals {
  __session?: CustomerSessionDto;
}

describeWithBrowser('widget: CSAT and attachments', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const staff = (path: string, init: RequestInit = {}) =>
    fetch(`${server.url}${path}`, { ...init, headers: { authorization: `Bearer ${server.masterKey}`, 'content-type': 'application/json', ...(init.headers ?? {}) } });

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext({ locale: 'en-US' });
    page = await context.newPage();
    await page.addInitScript(() => {
      type Stub = ((...args: unknown[]) => void) & { q?: unknown[][] };
      const w = window as unknown as { Switchboard?: Stub; __session?: unknown };
      const stub: Stub = (...args) => void (stub.q = stub.q ?? []).push(args);
      w.Switchboard = w.Switchboard ?? stub;
      w.Switchboard('on', 'session', (s: unknown) => (w.__session = s));
    });
    await page.goto(`${server.url}/demo`);
    await page.locator(`${W} .sb-launcher`).click();
    await page.waitForFunction(() => (window as PageGlobals).__session !== undefined);
  });
  afterEach(() => context?.close());

  const sessionId = (): Promise<string> => page.evaluate(() => (window as PageGlobals).__session?.id ?? '');

  it('asks for a 1-5 rating and a comment when the session closes, and sends it once', async () => {
    const id = await sessionId();
    expect((await staff(`/v1/chat/sessions/${id}/close`, { method: 'POST', body: '{}' })).status).toBe(200);
    const form = page.locator(`${W} [data-testid=csat-form]`);
    await form.waitFor();
    await expect(form.locator('[data-testid=csat-submit]').isDisabled()).resolves.toBe(true);
    await page.locator(`${W} [data-testid=csat-4]`).check({ force: true });
    await page.locator(`${W} [data-testid=csat-comment]`).fill('Helpful, thanks');
    await page.locator(`${W} [data-testid=csat-submit]`).click();
    await page.locator(`${W} [data-testid=csat-thanks]`).waitFor();

    const session = ((await (await staff(`/v1/chat/sessions/${id}`)).json()) as { session: SessionDto }).session;
    expect(session.csat).toMatchObject({ rating: 4, comment: 'Helpful, thanks' });
    // Reloaded, the widget remembers the rating was given: no second form.
    await page.reload();
    await page.locator(`${W} .sb-launcher`).click();
    await page.locator(`${W} [data-testid=csat-thanks]`).waitFor();
    expect(await page.locator(`${W} [data-testid=csat-form]`).count()).toBe(0);
  });

  it('uploads an image from the composer; it previews in the thread as a blob', async () => {
    const id = await sessionId();
    await page.locator(`${W} [data-testid=attach-input]`).setInputFiles({ name: 'receipt.png', mimeType: 'image/png', buffer: PNG_1PX });
    const img = page.locator(`${W} .sb-msg-customer [data-testid=attachment-image]`);
    await img.waitFor();
    expect(await img.getAttribute('src')).toMatch(/^blob:/);
    expect(await img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(1);
    const messages = ((await (await staff(`/v1/chat/sessions/${id}/messages`)).json()) as { messages: MessageDto[] }).messages;
    expect(messages.find((m) => m.attachment)?.attachment).toMatchObject({ name: 'receipt.png', type: 'image/png' });
  });
});
