/**
 * Human-approved AI actions in headless Chromium against the real server and the keyless
 * demo (the offline model, the demo agent's refund tool that needs approval): a customer asks
 * for a refund in the widget, the operator is alerted, sees the approval card and approves —
 * the widget gets the answer; approve with edited arguments (bad JSON and a schema error are
 * shown and change nothing); deny with a reason — the AI says so. And the agent editor adds a
 * tool and tries it, and lists an MCP server's tools.
 */
import type { Browser, Page } from 'playwright-core';
import type { AgentDto, MessageDto, SessionDto } from '../../shared/src/contract/types';
import { demoToolSecret } from '../../server/src/domain/demo/demo-tool-secret';
import { accessibilityViolations } from '../../server/test/support/accessibility';
import { describeWithBrowser, launchBrowser, signInToConsole } from '../../server/test/support/browser';
import { httpClient, type HttpClient } from '../../server/test/support/http-client';
import { startTestServer, type TestServer } from '../../server/test/support/test-server';
import { startMcpServer } from '../../server/test/tools/mcp-server';

jest.setTimeout(120_000);

const W = 'switchboard-widget';

const signIn = signInToConsole;

describeWithBrowser('approvals in the console', () => {
  let server: TestServer;
  let browser: Browser;
  let api: HttpClient;
  let page: Page;
  let pageErrors: string[];

  /** A session of the demo agent whose customer asked for a refund over REST: it waits for approval. */
  async function refundWaiting(customerId: string, orderId = '1234'): Promise<SessionDto> {
    const { session } = (await api.post<{ session: SessionDto }>('/v1/chat/sessions', { agentId: server.demoAgentId, customerId })).body;
    expect((await api.post(`/v1/chat/sessions/${session.id}/messages`, { content: `Please refund order ${orderId}` })).status).toBe(201);
    return session;
  }

  async function openSession(session: SessionDto): Promise<void> {
    await page.goto(`${server.url}/console/sessions/${session.id}`);
    await page.getByTestId('session-view').waitFor();
  }

  const agentSaid = async (sessionId: string, text: string): Promise<void> => {
    for (let i = 0; i < 200; i++) {
      const { messages } = (await api.get<{ messages: MessageDto[] }>(`/v1/chat/sessions/${sessionId}/messages?limit=200`)).body;
      if (messages.some((m) => m.role === 'agent' && m.status === 'complete' && m.content.includes(text))) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`the agent never said “${text}”`);
  };

  beforeAll(async () => {
    // The demo tools call this server on loopback: allowed as a developer's `npm start` allows it.
    server = await startTestServer({ env: { EGRESS_ALLOW: '127.0.0.1,localhost' } });
    api = httpClient(server.url, server.masterKey);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    pageErrors = [];
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await signIn(page, server.url, server.admin.email, server.admin.password);
  });
  afterEach(async () => {
    await page.close();
    expect(pageErrors).toEqual([]);
  });

  it('a refund asked for in the widget waits for the operator; approved, the widget gets the answer', async () => {
    await page.getByTestId('stat-approval').filter({ hasText: /^\d+$/ }).waitFor();
    const visitor = await browser.newContext();
    const widget = await visitor.newPage();
    await widget.goto(`${server.url}/demo`);
    await widget.locator(`${W} .sb-launcher`).click();
    const input = widget.locator(`${W} textarea`);
    await input.waitFor();
    await input.fill('Hello, please refund order 1234, the tent leaks.');
    await input.press('Enter');

    // The console tells the operator, and the session is marked in the list.
    const toast = page.getByTestId('toast-help').filter({ hasText: 'Approval needed for' });
    await toast.waitFor();
    // One alert, not two: the help request raised for the approval does not toast again.
    expect(await page.getByTestId('toast-help').filter({ hasText: 'Help requested by' }).count()).toBe(0);
    const row = page.locator('.row--approval');
    await row.getByTestId('approval-badge').waitFor();
    await page.getByTestId('stat-approval').filter({ hasText: /^[1-9]\d*$/ }).waitFor(); // stats are pushed on their own
    await toast.getByRole('button', { name: 'Open' }).click();
    await page.waitForURL(/approvalPending=true/);

    const card = page.getByTestId('approval-card');
    await card.waitFor();
    expect(await card.getByTestId('approval-arguments').textContent()).toContain('"orderId": "1234"');
    await card.getByTestId('approval-deadline').filter({ hasText: /\d:\d\d left to decide/ }).waitFor();
    await page.getByTestId('session-view').getByTestId('approval-badge').waitFor();

    await card.getByTestId('approval-approve').click();
    await card.waitFor({ state: 'detached' });
    // The keyboard stays on the call that was decided.
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'tool-summary');
    const call = page.locator('[data-testid="msg-tool"][data-tool="refund_order"]');
    await page.locator('[data-testid="msg-tool"][data-tool="refund_order"][data-status="succeeded"]').waitFor();
    await call.getByTestId('tool-summary').click();
    expect(await call.getByTestId('tool-decided').textContent()).toBe('Approved by Admin');
    expect(await call.getByTestId('tool-result').textContent()).toContain('RF-');

    await widget.locator(`${W} .sb-msg-agent`).filter({ hasText: 'Done: the refund for order 1234' }).waitFor();
    await page.getByTestId('msg-agent').filter({ hasText: 'Done: the refund for order 1234' }).waitFor();
    await visitor.close();
  });

  it('approves with edited arguments: bad JSON and a schema error are shown and change nothing', async () => {
    const session = await refundWaiting('edit-1');
    await openSession(session);
    const card = page.getByTestId('approval-card');
    // The bar above the thread leads to the card, keyboard first.
    await page.getByTestId('pending-approval-jump').click();
    expect(await card.getByTestId('approval-approve').evaluate((el) => el === document.activeElement)).toBe(true);
    await card.getByTestId('approval-edit').click();
    const args = card.getByTestId('approval-args');
    expect(await args.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await accessibilityViolations(page)).toEqual([]);

    await args.fill('{"orderId": ');
    await card.getByTestId('approval-approve-edited').click();
    await card.getByTestId('approval-args-error').filter({ hasText: 'not valid JSON' }).waitFor();

    await args.fill('{"orderId": 5678}'); // a number: the tool's schema wants a string
    await card.getByTestId('approval-approve-edited').click();
    await card.getByTestId('approval-args-error').filter({ hasText: /orderId|string/ }).waitFor();
    await page.locator('[data-testid="msg-tool"][data-status="pending_approval"]').waitFor();

    await args.fill('{"orderId": "5678"}');
    await card.getByTestId('approval-approve-edited').click();
    await card.waitFor({ state: 'detached' });
    await page.getByTestId('msg-agent').filter({ hasText: 'Done: the refund for order 5678' }).waitFor();
    await agentSaid(session.id, 'Done: the refund for order 5678');
  });

  it('denies with a reason: the AI tells the customer the team did not approve it', async () => {
    const session = await refundWaiting('deny-1', '4242');
    // On a phone-sized screen: the card and its buttons fit, nothing scrolls sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    await openSession(session);
    const card = page.getByTestId('approval-card');
    await card.scrollIntoViewIfNeeded();
    const box = await card.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await card.getByTestId('approval-deny-open').click();
    await card.getByTestId('approval-reason').fill('Already refunded last week');
    await card.getByTestId('approval-deny').click();
    await card.waitFor({ state: 'detached' });
    await page.locator('[data-testid="msg-tool"][data-status="denied"]').waitFor();
    await page.getByTestId('msg-agent').filter({ hasText: 'The team did not approve the refund for order 4242' }).waitFor();
    await agentSaid(session.id, 'Already refunded last week');
    const { session: after } = (await api.get<{ session: SessionDto }>(`/v1/chat/sessions/${session.id}`)).body;
    expect(after.approvalPending).toBe(false);
  });

  it('a call decided elsewhere leaves the card, and deciding twice is refused plainly', async () => {
    const session = await refundWaiting('twice-1');
    await openSession(session);
    const card = page.getByTestId('approval-card');
    await card.waitFor();
    const toolCallId = (await card.getAttribute('data-tool-call-id')) ?? '';
    // Another operator denies over REST while this one has the card open.
    expect((await api.post(`/v1/chat/sessions/${session.id}/tool-calls/${toolCallId}/deny`, { reason: 'by someone else' })).status).toBe(200);
    await card.waitFor({ state: 'detached' });
    await page.locator('[data-testid="msg-tool"][data-status="denied"]').waitFor();
    const again = await api.post<{ error: { code: string } }>(`/v1/chat/sessions/${session.id}/tool-calls/${toolCallId}/approve`, {});
    expect([again.status, again.body.error.code]).toEqual([409, 'already_decided']);
  });

  it('the agent editor adds a tool, shows a server error beside its field, and tries it', async () => {
    await page.goto(`${server.url}/console/agents/${server.demoAgentId}`);
    const before = (await api.get<{ agent: AgentDto }>(`/v1/agents/${server.demoAgentId}`)).body.agent.tools.length;
    await page.getByTestId('tool-add').click();
    const i = before;
    const tool = page.getByTestId(`tool-${i}`);
    await tool.getByTestId(`tool-${i}-name`).fill('order_status_copy');
    await tool.getByTestId(`tool-${i}-description`).fill('Looks up an order (a copy, to try the editor)');
    // Valid JSON, not a valid JSON Schema: the server says so, beside the field.
    await tool.getByTestId(`tool-${i}-parameters`).fill('{"type": "object", "properties": {"orderId": {"type": "text"}}}');
    await tool.getByTestId(`tool-${i}-url`).fill(`${server.url}/demo/api/orders/status`);
    await tool.getByTestId(`tool-${i}-secret`).fill(await demoToolSecret());
    await page.getByTestId('agent-save').click();
    await tool.locator('.field__error').filter({ hasText: /parameters/i }).waitFor();

    await tool.getByTestId(`tool-${i}-parameters`).fill('{"type": "object", "properties": {"orderId": {"type": "string"}}, "required": ["orderId"]}');
    await page.getByTestId('agent-save').click();
    await page.getByTestId('toast-success').filter({ hasText: 'Agent saved' }).waitFor();
    await tool.getByTestId(`tool-${i}-secret-state`).filter({ hasText: 'set' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);

    await tool.getByTestId(`tool-${i}-try-open`).click();
    await tool.getByTestId(`tool-${i}-try-args`).fill('{"orderId": "1234"}');
    await tool.getByTestId(`tool-${i}-try-run`).click();
    const outcome = tool.getByTestId(`tool-${i}-try-outcome`);
    await outcome.waitFor();
    expect(await outcome.getAttribute('data-ok')).toBe('true');
    expect(await tool.getByTestId(`tool-${i}-try-result`).textContent()).toContain('carrier');
  });

  it('the agent editor adds an MCP server with write-only headers, lists its tools, and refreshes them', async () => {
    const mcp = await startMcpServer();
    try {
      await page.goto(`${server.url}/console/agents/new`);
      await page.getByTestId('agent-name').fill('CRM helper');
      await page.getByTestId('mcp-add').click();
      const item = page.getByTestId('mcp-0');
      await item.getByTestId('mcp-0-name').fill('crm');
      await item.getByTestId('mcp-0-url').fill(mcp.url);
      await item.getByTestId('mcp-0-headers').fill('{"Authorization": "Bearer crm-token"}');
      await page.getByTestId('agent-save').click();
      await page.waitForURL(/\/console\/agents\/[0-9a-f]{24}$/);
      await item.getByTestId('mcp-tools').locator('li').nth(2).waitFor();
      expect(await item.getByTestId('mcp-tools').textContent()).toContain('lookup_customer');
      await item.getByTestId('mcp-0-headers-state').filter({ hasText: 'set' }).waitFor();
      const before = mcp.authorizations.length;
      await page.getByTestId('mcp-refresh').click();
      for (let i = 0; i < 100 && mcp.authorizations.length === before; i++) await page.waitForTimeout(50);
      await page.locator('[data-testid="mcp-refresh"]:not([disabled])').waitFor();
      expect(mcp.authorizations.length).toBeGreaterThan(before);
      expect(mcp.authorizations.at(-1)).toBe('Bearer crm-token');
      expect(await item.getByTestId('mcp-tools').locator('li').count()).toBe(3);
    } finally {
      await mcp.close();
    }
  });
});
