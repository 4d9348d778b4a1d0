import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { KnowledgeBaseDto, KnowledgeDocumentDto, MessageDto } from '../../../shared/src/contract/types';
import { OFFLINE_NO_MATCH_REPLY } from '../../src/domain/runtime/providers/offline.provider';
import { startFakeLlm, type FakeLlm } from '../support/fake-llm-server';
import { createAgent, createFakeLlmAgent, createSession } from '../support/factories';
import { httpClient, type HttpClient } from '../support/http-client';
import { startTestServer, type TestServer } from '../support/test-server';
import { nthChatRequest, systemOf, toolNamesOf, toolResultsOf } from '../support/model-requests';

const RETURNS = 'Items can be returned within 30 days of delivery for a full refund. Refunds reach your card in five working days.';
const SHIPPING_MD = '# Shipping\n\nWe ship **worldwide** from our warehouse in Rotterdam.\n\n- Express delivery takes two days\n- [Track a parcel](https://example.test/track) with your order number';

describe('knowledge bases: what the model is given', () => {
  let server: TestServer;
  let llm: FakeLlm;
  let http: HttpClient;
  let kb: KnowledgeBaseDto;

  const addDocument = async (kbId: string, doc: { title: string; content: string; format?: string }) => {
    const res = await http.post<{ document: KnowledgeDocumentDto }>(`/v1/knowledge-bases/${kbId}/documents`, doc);
    expect(res.status).toBe(201);
    return res.body.document;
  };
  /** Sends a customer message over REST and waits for the stored reply. */
  const ask = async (sessionId: string, content: string) => {
    const res = await http.post<{ message: MessageDto; reply: MessageDto | null }>(`/v1/chat/sessions/${sessionId}/messages`, { content });
    expect(res.status).toBe(201);
    return res.body.reply;
  };

  beforeAll(async () => {
    [server, llm] = await Promise.all([startTestServer({ env: { SEED_DEMO: 'false' } }), startFakeLlm()]);
    http = httpClient(server.url, server.masterKey);
    const created = await http.post<{ knowledgeBase: KnowledgeBaseDto }>('/v1/knowledge-bases', { name: 'Help centre', description: 'public FAQ' });
    expect(created.status).toBe(201);
    kb = created.body.knowledgeBase;
    await addDocument(kb.id, { title: 'Returns policy', content: RETURNS });
    const md = await addDocument(kb.id, { title: 'Shipping', content: SHIPPING_MD, format: 'markdown' });
    expect(md.chunks).toBeGreaterThanOrEqual(1);
  });
  afterAll(async () => {
    await server.close();
    await llm.close();
  });

  it('lists the knowledge base with its document count', async () => {
    const res = await http.get<{ knowledgeBases: KnowledgeBaseDto[] }>('/v1/knowledge-bases');
    expect(res.body.knowledgeBases.find((k) => k.id === kb.id)).toMatchObject({ name: 'Help centre', documentCount: 2 });
  });

  it("puts the passage matching the customer's question, with its title, in the system message", async () => {
    const agent = await createFakeLlmAgent(http, llm.url, { knowledgeBaseIds: [kb.id] });
    const { session } = await createSession(http, agent.id);
    const from = llm.requests.length;
    await ask(session.id, 'How many days do I have to return something for a refund?');
    const req = await nthChatRequest(llm, from);
    const system = systemOf(req);
    expect(system).toContain('Returns policy');
    expect(system).toContain('returned within 30 days');
    expect(toolNamesOf(req)).toContain('search_knowledge_base');
  });

  it('markdown is indexed as text: no markup reaches the model', async () => {
    const agent = await createFakeLlmAgent(http, llm.url, { knowledgeBaseIds: [kb.id] });
    const { session } = await createSession(http, agent.id);
    const from = llm.requests.length;
    await ask(session.id, 'Do you ship worldwide? How long does express delivery take?');
    const system = systemOf(await nthChatRequest(llm, from));
    expect(system).toContain('We ship worldwide from our warehouse in Rotterdam.');
    expect(system).toContain('Track a parcel with your order number');
    expect(system).not.toContain('**');
    expect(system).not.toContain('](https://');
  });

  it('when the model calls search_knowledge_base, the tool result in the next request holds the passages', async () => {
    const agent = await createFakeLlmAgent(http, llm.url, { knowledgeBaseIds: [kb.id] });
    const { session } = await createSession(http, agent.id);
    const from = llm.requests.length;
    llm.enqueue(
      { toolCalls: [{ name: 'search_knowledge_base', arguments: JSON.stringify({ query: 'express delivery days' }), id: 'call_kb1' }] },
      { tokens: ['Express ', 'takes ', 'two ', 'days.'] },
    );
    const reply = await ask(session.id, 'hello there');
    expect(reply?.content).toBe('Express takes two days.');
    const second = await nthChatRequest(llm, from, 2);
    const results = toolResultsOf(second);
    expect(results).toHaveLength(1);
    expect(results[0]).toContain('Shipping');
    expect(results[0]).toContain('Express delivery takes two days');
    const call = second.messages.find((m) => m.role === 'tool');
    expect(call).toMatchObject({ tool_call_id: 'call_kb1' });
  });

  it('a tool search with nothing matching says so', async () => {
    const agent = await createFakeLlmAgent(http, llm.url, { knowledgeBaseIds: [kb.id] });
    const { session } = await createSession(http, agent.id);
    const from = llm.requests.length;
    llm.enqueue({ toolCalls: [{ name: 'search_knowledge_base', arguments: JSON.stringify({ query: 'zzqx' }) }] }, { tokens: ['Not sure.'] });
    await ask(session.id, 'hi');
    expect(toolResultsOf(await nthChatRequest(llm, from, 2))).toEqual(['No matching passages.']);
  });

  it('short words of a question ("I", "do", "my") do not pull in passages that merely contain "in" or "items"', async () => {
    const agent = await createFakeLlmAgent(http, llm.url, { knowledgeBaseIds: [kb.id] });
    const { session } = await createSession(http, agent.id);
    const from = llm.requests.length;
    await ask(session.id, 'How do I reset my password?');
    const system = systemOf(await nthChatRequest(llm, from));
    expect(system).not.toContain('Returns policy');
    expect(system).not.toContain('Shipping');
  });

  it('an agent without knowledge bases is not offered the search tool', async () => {
    const agent = await createFakeLlmAgent(http, llm.url);
    const { session } = await createSession(http, agent.id);
    const from = llm.requests.length;
    await ask(session.id, 'How many days do I have to return something?');
    const req = await nthChatRequest(llm, from);
    expect(toolNamesOf(req)).not.toContain('search_knowledge_base');
    expect(systemOf(req)).not.toContain('Returns policy');
  });

  it('adding a document re-indexes: a question about the new document finds it', async () => {
    const own = (await http.post<{ knowledgeBase: KnowledgeBaseDto }>('/v1/knowledge-bases', { name: 'Gifts' })).body.knowledgeBase;
    await addDocument(own.id, { title: 'Returns policy', content: RETURNS });
    const agent = await createFakeLlmAgent(http, llm.url, { knowledgeBaseIds: [own.id] });
    const { session } = await createSession(http, agent.id);
    // A first question builds (and caches) the index of the knowledge base.
    let from = llm.requests.length;
    await ask(session.id, 'Do gift cards expire?');
    expect(systemOf(await nthChatRequest(llm, from))).not.toContain('Gift cards');

    await addDocument(own.id, { title: 'Gift cards', content: 'Gift cards never expire and can be spent online or in any of our shops.' });
    from = llm.requests.length;
    await ask(session.id, 'Do gift cards expire?');
    const system = systemOf(await nthChatRequest(llm, from));
    expect(system).toContain('Gift cards');
    expect(system).toContain('never expire');
  });

  it('HTML documents are indexed as their text: tags, scripts and styles are dropped, entities decoded', async () => {
    const own = (await http.post<{ knowledgeBase: KnowledgeBaseDto }>('/v1/knowledge-bases', { name: 'Warranty' })).body.knowledgeBase;
    const html =
      '<html><head><title>x</title><style>.a{color:red}</style><script>alert("steal")</script></head>' +
      '<body><h1>Warranty</h1><p>Every kettle has a <b>two&nbsp;year</b> warranty &amp; free repairs.</p><!-- internal note --><p>Keep your receipt.</p></body></html>';
    expect((await addDocument(own.id, { title: 'Warranty', content: html, format: 'html' })).chunks).toBe(1);
    const agent = await createFakeLlmAgent(http, llm.url, { knowledgeBaseIds: [own.id] });
    const { session } = await createSession(http, agent.id);
    const from = llm.requests.length;
    await ask(session.id, 'How long is the kettle warranty?');
    const system = systemOf(await nthChatRequest(llm, from));
    expect(system).toContain('Every kettle has a two year warranty & free repairs.');
    expect(system).toContain('Keep your receipt.');
    for (const leaked of ['<p>', '<b>', 'alert', 'color:red', 'internal note', '&amp;']) expect(system).not.toContain(leaked);
  });

  it('refuses an unknown document format naming the field', async () => {
    const res = await http.post<{ error: { code: string; details?: unknown } }>(`/v1/knowledge-bases/${kb.id}/documents`, { title: 't', content: 'c', format: 'pdf' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_request');
    expect(JSON.stringify(res.body.error)).toContain('format');
  });

  it('the offline provider answers from the best passage and quotes it', async () => {
    const agent = await createAgent(http, { llm: { provider: 'offline', model: 'offline' }, knowledgeBaseIds: [kb.id] });
    const { session } = await createSession(http, agent.id);
    const reply = await ask(session.id, 'How many days do I have to return an item?');
    expect(reply?.status).toBe('complete');
    expect(reply?.content).toContain('“Returns policy”');
    expect(reply?.content).toContain('Items can be returned within 30 days of delivery for a full refund.');
  });

  it('the offline provider says it found nothing rather than quoting a passage that does not answer', async () => {
    const agent = await createAgent(http, { llm: { provider: 'offline', model: 'offline' }, knowledgeBaseIds: [kb.id] });
    const { session } = await createSession(http, agent.id);
    const reply = await ask(session.id, 'Can you tell me how I change the email address on my account?');
    expect(reply?.content).toBe(OFFLINE_NO_MATCH_REPLY);
  });
});
