import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { AgentDto } from '../../../shared/src/contract/types';
import { startFakeLlm, type FakeLlm } from '../support/fake-llm-server';
import { createFakeLlmAgent, okAck, widgetSend } from '../support/factories';
import { httpClient, type HttpClient } from '../support/http-client';
import { connectWidget, waitForStored } from '../support/operator-helpers';
import { startTestServer, type TestServer } from '../support/test-server';
import { nthChatRequest, toolNamesOf, toolParams, toolResultsOf } from '../support/model-requests';
import { startMcpServer, type TestMcpServer } from './mcp-server';

describe('MCP servers', () => {
  let server: TestServer;
  let llm: FakeLlm;
  let mcp: TestMcpServer;
  let http: HttpClient;
  let agent: AgentDto;
  const sockets: { close(): unknown }[] = [];

  beforeAll(async () => {
    [server, llm, mcp] = await Promise.all([startTestServer({ env: { SEED_DEMO: 'false', LLM_MAX_RETRIES: '0', MCP_TIMEOUT_MS: '2000' } }), startFakeLlm(), startMcpServer()]);
    http = httpClient(server.url, server.masterKey);
    agent = await createFakeLlmAgent(http, llm.url, {
      mcpServers: [
        { name: 'crm', url: mcp.url, headers: { Authorization: 'Bearer crm-token-123' }, allowedTools: ['lookup_customer', 'flaky'] },
        { name: 'down', url: 'http://127.0.0.1:1/mcp' },
      ],
    });
  });
  afterEach(() => void sockets.splice(0).forEach((s) => s.close()));
  afterAll(async () => {
    await server.close();
    await Promise.all([llm.close(), mcp.close()]);
  });

  it('lists the tools when the agent is saved, sending the write-only headers; a down server keeps none and says why', () => {
    const [crm, down] = agent.mcpServers;
    expect(crm).toMatchObject({ name: 'crm', hasHeaders: true, allowedTools: ['lookup_customer', 'flaky'], error: null });
    expect(crm?.tools.map((t) => t.name).sort()).toEqual(['delete_customer', 'flaky', 'lookup_customer']);
    expect(crm?.listedAt).not.toBeNull();
    expect(JSON.stringify(agent)).not.toContain('crm-token-123');
    expect(mcp.authorizations).toContain('Bearer crm-token-123');
    expect(down?.tools).toEqual([]);
    expect(down?.error).toContain('listing the tools failed');
  });

  it('offers the allowed tools as <server>__<tool>, calls one, and the reply goes on although a server is down', async () => {
    const w = await connectWidget(server, agent.id);
    sockets.push(w.socket);
    const from = llm.requests.length;
    llm.enqueue({ toolCalls: [{ name: 'crm__lookup_customer', arguments: '{"email":"ann@example.com"}' }] }, { tokens: ['You are on the pro plan.'] });
    okAck(await widgetSend(w.socket, { clientMessageId: 'm1', content: 'what plan am I on? ann@example.com' }));
    const first = await nthChatRequest(llm, from);
    expect(toolNamesOf(first)).toEqual(expect.arrayContaining(['crm__lookup_customer', 'crm__flaky']));
    expect(toolNamesOf(first)).not.toContain('crm__delete_customer');
    expect(toolParams(first, 'crm__lookup_customer')).toMatchObject({ type: 'object', properties: { email: { type: 'string' } } });
    const second = await nthChatRequest(llm, from, 2);
    expect(toolResultsOf(second)[0]).toContain('pro');
    expect(mcp.calls).toContainEqual({ name: 'lookup_customer', args: { email: 'ann@example.com' } });
    const stored = await waitForStored(http, w.sessionId, (m) => m.role === 'tool' && m.toolCall?.status === 'succeeded');
    expect(stored.toolCall).toMatchObject({ name: 'crm__lookup_customer', source: 'mcp' });
    await waitForStored(http, w.sessionId, (m) => m.role === 'agent' && m.content === 'You are on the pro plan.');
  });

  it('an MCP tool error is a failed call the model is told about; invalid arguments never reach the server', async () => {
    const w = await connectWidget(server, agent.id);
    sockets.push(w.socket);
    const from = llm.requests.length;
    const before = mcp.calls.length;
    llm.enqueue({ toolCalls: [{ name: 'crm__flaky', arguments: '{}', id: 'a' }, { name: 'crm__lookup_customer', arguments: '{"email":5}', id: 'b' }] }, { tokens: ['Sorry.'] });
    okAck(await widgetSend(w.socket, { clientMessageId: 'm1', content: 'x' }));
    const second = await nthChatRequest(llm, from, 2);
    const [flaky, invalid] = toolResultsOf(second);
    expect(flaky).toContain('upstream unavailable');
    expect(invalid).toContain('invalid arguments: arguments.email');
    expect(mcp.calls.slice(before).map((c) => c.name)).toEqual(['flaky']);
  });

  it('refresh re-lists (admins), and the listing follows the server', async () => {
    const res = await http.post<{ agent: AgentDto }>(`/v1/agents/${agent.id}/mcp-servers/refresh`, {});
    expect(res.status).toBe(200);
    expect(res.body.agent.mcpServers[0]?.tools).toHaveLength(3);
    expect(Date.parse(res.body.agent.mcpServers[0]?.listedAt ?? '')).toBeGreaterThan(Date.parse(agent.mcpServers[0]?.listedAt ?? ''));
    expect((await http.post(`/v1/agents/${'0'.repeat(24)}/mcp-servers/refresh`, {})).status).toBe(404);
  });
});
