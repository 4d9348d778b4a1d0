/**
 * Floods from one address (issue "Scale and reliability" §4): many sessions and many messages
 * spread over several sessions, so the per-session limit (tested in chat/limits) never trips and
 * only the per-IP limits can stop them. Refusals are `rate_limited` with `retryAfter`, and a
 * refused message never reaches the model.
 */
import { randomUUID } from 'node:crypto';
import type { AgentDto } from '../../../shared/src/contract/types';
import { createFakeLlmAgent, createSession, openWidget, staffMessages, widgetSend, type OpenWidget } from '../support/factories';
import { startFakeLlm, type FakeLlm } from '../support/fake-llm-server';
import { httpClient, type HttpClient } from '../support/http-client';
import { connected, widgetClient } from '../support/socket-clients';
import { startTestServer, type TestServer } from '../support/test-server';

const SESSIONS_PER_IP = 4;
const MESSAGES_PER_IP = 5;

describe('abuse: floods from one IP', () => {
  let server: TestServer;
  let http: HttpClient;
  let llm: FakeLlm;
  let agent: AgentDto;

  beforeAll(async () => {
    llm = await startFakeLlm();
    server = await startTestServer({ env: { RATE_SESSIONS_PER_MINUTE_IP: String(SESSIONS_PER_IP), RATE_MESSAGES_PER_MINUTE_IP: String(MESSAGES_PER_IP) } });
    http = httpClient(server.url, server.masterKey);
    agent = await createFakeLlmAgent(http, llm.url);
  }, 30_000);
  afterAll(async () => {
    await server?.close();
    await llm?.close();
  });

  it('widget handshakes creating sessions: refused with rate_limited and retryAfter once the per-IP budget is spent', async () => {
    const refusals: { message: string; data?: { code: string; retryAfter?: number } }[] = [];
    let accepted = 0;
    for (let i = 0; i < SESSIONS_PER_IP + 3; i++) {
      const socket = widgetClient(server.url, { agentId: agent.id });
      try {
        await connected(socket);
        accepted += 1;
      } catch (err) {
        refusals.push(err as (typeof refusals)[number]);
      } finally {
        socket.disconnect();
      }
    }
    expect(accepted).toBe(SESSIONS_PER_IP);
    expect(refusals).toHaveLength(3);
    for (const r of refusals) {
      expect(r.message).toBe('rate_limited');
      expect(r.data?.retryAfter).toBeGreaterThanOrEqual(1);
      expect(r.data?.retryAfter).toBeLessThanOrEqual(60);
    }
    const sessions = await http.get<{ sessions: unknown[] }>(`/v1/chat/sessions?agentId=${agent.id}`);
    expect(sessions.body.sessions).toHaveLength(SESSIONS_PER_IP);
  });

  it('messages over several sessions: rate_limited with retryAfter past the per-IP budget; nothing stored, the model not called', async () => {
    // Sessions made with the API key (not limited per IP), one message budget shared by the address.
    const widgets: OpenWidget[] = [];
    for (let i = 0; i < 3; i++) {
      const { customerToken } = await createSession(http, agent.id);
      widgets.push(await openWidget(server.url, { agentId: agent.id, customerToken }));
    }
    const requestsBefore = llm.requests.length;
    const acks = [];
    for (let i = 0; i < MESSAGES_PER_IP + 4; i++) {
      const w = widgets[i % widgets.length] as OpenWidget;
      acks.push(await widgetSend(w.socket, { clientMessageId: randomUUID(), content: `flood ${i}` }));
    }
    const ok = acks.filter((a) => a.ok);
    const refused = acks.filter((a) => !a.ok);
    expect(ok).toHaveLength(MESSAGES_PER_IP);
    expect(refused).toHaveLength(4);
    for (const r of refused) {
      if (r.ok) continue;
      expect(r.error.code).toBe('rate_limited');
      expect(r.error.retryAfter).toBeGreaterThanOrEqual(1);
    }
    // Let the accepted replies finish; only they called the model.
    await new Promise((r) => setTimeout(r, 500));
    expect(llm.requests.length - requestsBefore).toBe(MESSAGES_PER_IP);
    let customerMessages = 0;
    for (const w of widgets) customerMessages += (await staffMessages(http, w.snapshot.session.id)).filter((m) => m.role === 'customer').length;
    expect(customerMessages).toBe(MESSAGES_PER_IP);
    widgets.forEach((w) => w.socket.disconnect());
  });
});
