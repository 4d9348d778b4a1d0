/**
 * The Insights page in Chromium, as a supervisor uses it: the outcome tiles and the uPlot
 * charts for conversations seeded through the API, then the learn-from-handoffs loop — an
 * operator's answer saved as a knowledge document (edited first) and as a prompt suggestion
 * an admin accepts into the prompt — with the change marked and axe finding nothing.
 */
import type { Browser, Page } from 'playwright-core';
import type { AgentDto, PromptSuggestionDto } from '../../shared/src/contract/types';
import { accessibilityViolations } from '../../server/test/support/accessibility';
import { describeWithBrowser, launchBrowser, signInToConsole } from '../../server/test/support/browser';
import { httpClient, type HttpClient } from '../../server/test/support/http-client';
import { startTestServer, type TestServer } from '../../server/test/support/test-server';

jest.setTimeout(120_000);

describeWithBrowser('console: insights and learning from handoffs', () => {
  let server: TestServer;
  let browser: Browser;
  let api: HttpClient;
  let page: Page;
  let agent: AgentDto;
  let kbId: string;

  async function converse(question: string, steps: { help?: string; answer?: string; close?: boolean }): Promise<void> {
    const { session } = (await api.post<{ session: { id: string } }>('/v1/chat/sessions', { agentId: agent.id, customerId: `cust-${question.length}-${Math.random().toString(36).slice(2, 6)}` })).body;
    const base = `/v1/chat/sessions/${session.id}`;
    await api.post(`${base}/messages`, { content: question });
    if (steps.help) await api.post(`${base}/help`, { reason: steps.help });
    if (steps.answer) await api.post(`${base}/tell`, { content: steps.answer });
    if (steps.close) await api.post(`${base}/close`);
  }

  beforeAll(async () => {
    server = await startTestServer({ env: { SEED_DEMO: 'false' } });
    api = httpClient(server.url, server.masterKey);
    browser = await launchBrowser();
    kbId = (await api.post<{ knowledgeBase: { id: string } }>('/v1/knowledge-bases', { name: 'Shop answers' })).body.knowledgeBase.id;
    agent = (await api.post<{ agent: AgentDto }>('/v1/agents', { name: 'Shop assistant', prompt: { type: 'single', text: 'You help shoppers.' }, knowledgeBaseIds: [kbId] })).body.agent;
    await converse('Do you ship to Oslo?', { help: 'Shipping abroad', answer: 'Yes: Norway in 3 to 5 working days, 9 EUR.', close: true });
    await converse('Can I pay by invoice?', { help: 'Payment question', answer: 'Invoices are for business accounts only.' });
    await converse('Opening hours?', { close: true });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the outcomes and charts; an answer becomes a knowledge document and a prompt change', async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    await signInToConsole(page, server.url, server.admin.email, server.admin.password);
    await page.getByTestId('nav-insights').click();
    await page.getByRole('heading', { name: 'Insights' }).waitFor();
    await page.getByTestId('insights-agent').selectOption(agent.id);
    await page.getByTestId('insight-conversations').getByText('3').waitFor();
    expect(await page.getByTestId('insight-handedOff').locator('.stat__value').textContent()).toBe('2');
    expect(await page.getByTestId('insight-aiResolved').locator('.stat__value').textContent()).toBe('1');
    expect(await page.getByTestId('insight-handoffRate').locator('.stat__value').textContent()).toBe('66.7 %');
    // uPlot drew both charts on canvas.
    expect(await page.getByTestId('chart-volume').locator('canvas').count()).toBe(1);
    expect(await page.getByTestId('chart-rate').locator('canvas').count()).toBe(1);
    expect(await accessibilityViolations(page)).toEqual([]);

    // Teach with the shipping answer: a knowledge document, its title edited before saving.
    const shipping = page.getByTestId('handoff-group').filter({ hasText: 'Shipping abroad' });
    await shipping.getByText('Yes: Norway in 3 to 5 working days').waitFor();
    await shipping.getByTestId('teach').click();
    expect(await shipping.getByTestId('teach-title').inputValue()).toBe('Do you ship to Oslo?');
    expect(await shipping.getByTestId('teach-content').inputValue()).toBe('Yes: Norway in 3 to 5 working days, 9 EUR.');
    expect(await accessibilityViolations(page)).toEqual([]);
    await shipping.getByTestId('teach-title').fill('Shipping to Norway');
    await shipping.getByTestId('teach-save').click();
    await shipping.getByTestId('taught').getByText('Saved as a knowledge-base document.').waitFor();
    await page.getByTestId('change').filter({ hasText: 'Shipping to Norway' }).waitFor();
    const kbs = await api.get<{ knowledgeBases: { id: string; documentCount: number }[] }>('/v1/knowledge-bases');
    expect(kbs.body.knowledgeBases.find((kb) => kb.id === kbId)?.documentCount).toBe(1);

    // Teach with the invoice answer: a prompt suggestion, which the admin then accepts with an edit.
    const invoice = page.getByTestId('handoff-group').filter({ hasText: 'Payment question' });
    await invoice.getByTestId('teach').click();
    await invoice.getByTestId('teach-kind-prompt').check();
    expect(await invoice.getByTestId('teach-prompt').inputValue()).toContain('Invoices are for business accounts only.');
    await invoice.getByTestId('teach-prompt').fill('Invoices: only for business accounts; others pay by card.');
    await invoice.getByTestId('teach-save').click();
    const suggestion = page.getByTestId('suggestion');
    await suggestion.waitFor();
    expect(await suggestion.getByTestId('suggestion-text').inputValue()).toBe('Invoices: only for business accounts; others pay by card.');
    expect(await accessibilityViolations(page)).toEqual([]);
    await suggestion.getByTestId('suggestion-accept').click();
    await page.getByTestId('suggestions').getByText('No prompt suggestions waiting.').waitFor();
    await page.getByTestId('change').filter({ hasText: 'Invoices: only for business accounts' }).waitFor();
    const prompt = (await api.get<{ agent: AgentDto }>(`/v1/agents/${agent.id}`)).body.agent.prompt;
    expect(prompt).toEqual({ type: 'single', text: 'You help shoppers.\n\nInvoices: only for business accounts; others pay by card.' });
    const accepted = await api.get<{ suggestions: PromptSuggestionDto[] }>(`/v1/insights/prompt-suggestions?agentId=${agent.id}&status=accepted`);
    expect(accepted.body.suggestions).toHaveLength(1);
    await page.close();
  });

  it('a phone-sized screen: nothing to fix for axe', async () => {
    page = await browser.newPage({ viewport: { width: 390, height: 800 }, locale: 'en-US' });
    await signInToConsole(page, server.url, server.admin.email, server.admin.password);
    await page.goto(`${server.url}/console/insights`);
    await page.getByTestId('chart-rate').locator('canvas').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.close();
  });
});
