/**
 * The loop from a handoff back to the AI: the inbox groups handed-off conversations by reason
 * with what the person said; an answer becomes a knowledge document (the existing endpoint) or
 * a prompt suggestion an admin accepts into the prompt; each change shows on the insights with
 * the handoff rate before and after.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AgentDto, HandoffGroup, InsightsReport, PromptSuggestionDto } from '../../../shared/src/contract/types';
import type { ErrorBody } from '../../../shared/src/errors';
import { createAgent, createSession } from '../support/factories';
import { loginAdmin, type Staff } from '../support/operator-helpers';
import { startTestServer, type TestServer } from '../support/test-server';

describe('learn from handoffs', () => {
  let server: TestServer;
  let admin: Staff;
  let agent: AgentDto;

  async function handoff(reason: string | null, question: string, answer: string | null): Promise<string> {
    const { session } = await createSession(admin.http, agent.id);
    const base = `/v1/chat/sessions/${session.id}`;
    await admin.http.post(`${base}/messages`, { content: question });
    if (reason) await admin.http.post(`${base}/help`, { reason });
    else await admin.http.post(`${base}/takeover`);
    if (answer) await admin.http.post(`${base}/tell`, { content: answer });
    // Resolving clears the open request: the inbox still knows why it was asked.
    if (reason) await admin.http.delete(`${base}/help`);
    return session.id;
  }

  beforeAll(async () => {
    server = await startTestServer({ env: { SEED_DEMO: 'false' } });
    admin = await loginAdmin(server);
    const kb = await admin.http.post<{ knowledgeBase: { id: string } }>('/v1/knowledge-bases', { name: 'Help centre' });
    agent = await createAgent(admin.http, { prompt: { type: 'single', text: 'You are the shop assistant.' }, knowledgeBaseIds: [kb.body.knowledgeBase.id] });
  });
  afterAll(() => server.close());

  it('groups by reason, newest first, with the question and what the person answered', async () => {
    await handoff('Refund request', 'Can I get my money back?', 'Yes, within 30 days: use the returns form.');
    const later = await handoff('Refund request', 'Refund for a broken mug?', 'Send a photo and we refund at once.');
    await handoff(null, 'Hello?', 'Hi, I am Sam from support.');
    await handoff('Shipping to Norway', 'Do you ship to Oslo?', null);
    const res = await admin.http.get<{ groups: HandoffGroup[] }>(`/v1/insights/handoffs?agentId=${agent.id}`);
    expect(res.status).toBe(200);
    expect(res.body.groups.map((g) => [g.reason, g.count])).toEqual([
      ['Refund request', 2],
      ['Shipping to Norway', 1],
      ['Taken over by an operator', 1],
    ]);
    const refunds = res.body.groups[0] as HandoffGroup;
    expect(refunds.items[0]).toMatchObject({ sessionId: later, question: 'Refund for a broken mug?', humanReplies: [{ text: 'Send a photo and we refund at once.' }] });
    expect(res.body.groups[1]?.items[0]?.humanReplies).toEqual([]);
    expect(res.body.groups[2]?.items[0]).toMatchObject({ question: 'Hello?', humanReplies: [{ text: 'Hi, I am Sam from support.', author: admin.operator.name }] });
  });

  it('a suggestion accepted by an admin goes into the prompt once; dismissing another changes nothing', async () => {
    const made = await admin.http.post<{ suggestion: PromptSuggestionDto }>('/v1/insights/prompt-suggestions', { agentId: agent.id, text: 'Refunds: within 30 days through the returns form.' });
    expect(made.body.suggestion).toMatchObject({ status: 'pending', createdBy: admin.operator.name });
    const listed = await admin.http.get<{ suggestions: PromptSuggestionDto[] }>(`/v1/insights/prompt-suggestions?agentId=${agent.id}&status=pending`);
    expect(listed.body.suggestions.map((s) => s.id)).toContain(made.body.suggestion.id);

    const accepted = await admin.http.post<{ suggestion: PromptSuggestionDto; agent: AgentDto }>(`/v1/insights/prompt-suggestions/${made.body.suggestion.id}/accept`, { text: 'Refunds: within 30 days, through the returns form.' });
    expect(accepted.status).toBe(200);
    expect(accepted.body.suggestion).toMatchObject({ status: 'accepted', decidedBy: admin.operator.name });
    const prompt = (await admin.http.get<{ agent: AgentDto }>(`/v1/agents/${agent.id}`)).body.agent.prompt;
    expect(prompt).toEqual({ type: 'single', text: 'You are the shop assistant.\n\nRefunds: within 30 days, through the returns form.' });
    const twice = await admin.http.post<{ error: ErrorBody }>(`/v1/insights/prompt-suggestions/${made.body.suggestion.id}/accept`);
    expect(twice.status).toBe(409);

    const other = await admin.http.post<{ suggestion: PromptSuggestionDto }>('/v1/insights/prompt-suggestions', { agentId: agent.id, text: 'Always upsell.' });
    expect((await admin.http.post(`/v1/insights/prompt-suggestions/${other.body.suggestion.id}/dismiss`)).status).toBe(200);
    expect((await admin.http.get<{ agent: AgentDto }>(`/v1/agents/${agent.id}`)).body.agent.prompt).toEqual(prompt);
  });

  it('suggestions accepted for one agent at the same instant all go into the prompt, each once', async () => {
    const other = await createAgent(admin.http, { prompt: { type: 'single', text: 'Base.' } });
    const texts = ['One.', 'Two.', 'Three.', 'Four.', 'Five.'];
    const made = await Promise.all(texts.map((text) => admin.http.post<{ suggestion: PromptSuggestionDto }>('/v1/insights/prompt-suggestions', { agentId: other.id, text })));
    const accepted = await Promise.all(made.map((m) => admin.http.post(`/v1/insights/prompt-suggestions/${m.body.suggestion.id}/accept`)));
    expect(accepted.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    const prompt = (await admin.http.get<{ agent: AgentDto }>(`/v1/agents/${other.id}`)).body.agent.prompt;
    if (prompt.type !== 'single') throw new Error('expected a single prompt');
    const paragraphs = prompt.text.split('\n\n');
    expect(paragraphs[0]).toBe('Base.');
    expect([...paragraphs.slice(1)].sort()).toEqual([...texts].sort());
  });

  it('a knowledge document and an accepted prompt mark the chart with the handoff rate before and after', async () => {
    const kbId = agent.knowledgeBaseIds[0] as string;
    const doc = await admin.http.post(`/v1/knowledge-bases/${kbId}/documents`, { title: 'Do you ship to Oslo?', content: 'Yes, we ship to Norway in 3–5 days.' });
    expect(doc.status).toBe(201);
    // After the change: two conversations the AI handled alone.
    for (const q of ['Do you ship to Oslo?', 'Shipping to Bergen?']) {
      const { session } = await createSession(admin.http, agent.id);
      await admin.http.post(`/v1/chat/sessions/${session.id}/messages`, { content: q });
    }
    const report = (await admin.http.get<InsightsReport>(`/v1/insights?agentId=${agent.id}`)).body;
    const kinds = report.changes.map((c) => [c.kind, c.title]);
    expect(kinds).toEqual([
      ['prompt', 'Refunds: within 30 days, through the returns form.'],
      ['knowledge', 'Do you ship to Oslo?'],
    ]);
    // Before the document: the 4 handed-off conversations of the first test; after: the 2 new ones, none handed off.
    expect(report.changes[1]).toMatchObject({ before: { conversations: 4, handedOff: 4, handoffRate: 1 }, after: { conversations: 2, handedOff: 0, handoffRate: 0 } });
  });
});
