/**
 * The Webhooks page in Chromium: an admin adds a webhook pointing at a loopback receiver, sees
 * the signing secret once, sees a delivery fail while the receiver answers 500, retries it once
 * the receiver is fixed and sees it delivered; the page passes axe.
 */
import type { Browser, Page } from 'playwright-core';
import { accessibilityViolations } from '../../server/test/support/accessibility';
import { describeWithBrowser, launchBrowser, signInToConsole } from '../../server/test/support/browser';
import { httpClient } from '../../server/test/support/http-client';
import { createStaff } from '../../server/test/support/operator-helpers';
import { startTestServer, type TestServer } from '../../server/test/support/test-server';
import { startReceiver, type Receiver } from '../../server/test/support/integrator';

jest.setTimeout(90_000);

describeWithBrowser('console: webhooks', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let receiver: Receiver;

  beforeAll(async () => {
    // Loopback egress allowed explicitly; one quick retry, then the delivery is given up.
    server = await startTestServer({ env: { WEBHOOK_RETRY_SCHEDULE_MS: '100', EGRESS_ALLOW: '127.0.0.0/8,::1,localhost' } });
    receiver = await startReceiver();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await receiver?.close();
  });

  it('adds a webhook, shows its secret once, and retries a failed delivery until it is delivered, then deletes it', async () => {
    let healthy = false;
    receiver.answer = () => (healthy ? 200 : 500);
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signInToConsole(page, server.url, server.admin.email, server.admin.password);
    await page.getByTestId('nav-webhooks').click();
    await page.getByRole('heading', { name: 'Webhooks' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByTestId('webhook-url').fill(`${receiver.url}/hook`);
    // Defaults are session.created and help.requested: keep only the first.
    await page.getByTestId('webhook-type-help.requested').uncheck();
    await page.getByTestId('webhook-create').click();
    const secret = (await page.getByTestId('webhook-secret-value').textContent())?.trim() ?? '';
    expect(secret).toMatch(/^whsec_/);
    expect((await page.getByTestId('webhook-standard-secret-value').textContent())?.trim()).toMatch(/^whsec_[A-Za-z0-9+/=]+$/);
    const row = page.getByTestId('webhook-row').filter({ hasText: `${receiver.url}/hook` });
    expect((await row.getByTestId('webhook-row-types').textContent())?.trim()).toBe('session.created');
    expect(await accessibilityViolations(page)).toEqual([]);

    // An event: a conversation starts (through the REST API, as a site's backend would).
    const created = await httpClient(server.url, server.masterKey).post('/v1/chat/sessions', { agentId: server.demoAgentId, customerId: 'cust-hook' });
    expect(created.status).toBe(201);

    await row.getByTestId('webhook-show-deliveries').click();
    const panel = page.getByTestId('webhook-deliveries');
    const delivery = panel.getByTestId('webhook-delivery-row').first();
    // As a person would: refresh until the given-up delivery shows.
    for (let i = 0; i < 50 && (await delivery.getAttribute('data-status').catch(() => null)) !== 'failed'; i++) {
      await panel.getByTestId('webhook-deliveries-refresh').click();
      await page.waitForTimeout(200);
    }
    expect(await delivery.getAttribute('data-status')).toBe('failed');
    expect((await delivery.getByTestId('webhook-delivery-status').textContent())?.trim()).toBe('Failed');
    expect((await delivery.getByTestId('webhook-delivery-http').textContent())?.trim()).toBe('500');
    expect((await delivery.getByTestId('webhook-delivery-error').textContent())?.trim()).toBe('HTTP 500');
    expect((await delivery.getByTestId('webhook-delivery-attempts').textContent())?.trim()).toBe('2');
    expect(await accessibilityViolations(page)).toEqual([]);

    healthy = true;
    await delivery.getByTestId('webhook-delivery-retry').click();
    // The log reads itself again while the delivery is pending: no refresh needed.
    await panel.locator('[data-testid="webhook-delivery-row"][data-status="succeeded"]').waitFor({ timeout: 15_000 });
    expect((await delivery.getByTestId('webhook-delivery-status').textContent())?.trim()).toBe('Delivered');
    expect((await delivery.getByTestId('webhook-delivery-http').textContent())?.trim()).toBe('200');
    expect((await delivery.getByTestId('webhook-delivery-attempts').textContent())?.trim()).toBe('3');
    expect(await delivery.getByTestId('webhook-delivery-retry').count()).toBe(0);
    expect(receiver.requests.filter((r) => r.path === '/hook')).toHaveLength(3);

    // Deleting it (after the confirm) removes it from the list and from the server.
    page.once('dialog', (dialog) => void dialog.accept());
    await row.getByTestId('webhook-delete').click();
    await page.getByText('No webhooks yet').waitFor();
    const listed = await httpClient(server.url, server.masterKey).get<{ webhooks: unknown[] }>('/v1/webhooks');
    expect(listed.body.webhooks).toEqual([]);
    await page.close();
  });

  it('is for admins: an operator has no Webhooks link and is turned away from the page', async () => {
    const operator = await createStaff(server, 'operator');
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signInToConsole(page, server.url, operator.operator.email, operator.password);
    await page.getByTestId('nav-sessions').waitFor();
    expect(await page.getByTestId('nav-webhooks').count()).toBe(0);
    await page.goto(`${server.url}/console/webhooks`);
    await page.getByText('Admins only').waitFor();
    expect(await page.getByTestId('webhook-create').count()).toBe(0);
    await page.close();
  });
});
