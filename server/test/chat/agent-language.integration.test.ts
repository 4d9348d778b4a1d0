import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AgentDto, MessageDto } from '../../../shared/src/contract/types';
import type { ErrorBody } from '../../../shared/src/errors';
import { closedNow, createAgent, createFakeLlmAgent, createSession } from '../support/factories';
import { startFakeLlm, type FakeLlm } from '../support/fake-llm-server';
import { httpClient } from '../support/http-client';
import { loginAdmin, waitForStored, type Staff } from '../support/operator-helpers';
import { startTestServer, type TestServer } from '../support/test-server';


/** What Switchboard itself writes into a chat follows the agent's `language`. */
describe("the agent's language", () => {
  let server: TestServer;
  let llm: FakeLlm;
  let admin: Staff;

  beforeAll(async () => {
    [server, llm] = await Promise.all([startTestServer({ env: { SEED_DEMO: 'false', LLM_MAX_RETRIES: '0' } }), startFakeLlm()]);
    admin = await loginAdmin(server);
  });
  afterAll(async () => {
    await server.close();
    await llm.close();
  });

  it('is English unless set; any other value is refused, naming the field', async () => {
    const agent = await createAgent(admin.http);
    expect(agent.language).toBe('en');
    const patched = await admin.http.patch<{ agent: AgentDto }>(`/v1/agents/${agent.id}`, { language: 'nl' });
    expect(patched.body.agent.language).toBe('nl');
    const bad = await admin.http.post<{ error: ErrorBody }>('/v1/agents', { name: 'x', language: 'tlh' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'invalid_request', field: 'language' });
  });

  it('German: the apology for a failed reply, a help request and a person joining', async () => {
    const agent = await createFakeLlmAgent(admin.http, llm.url, { language: 'de' });
    const { session, customerToken } = await createSession(admin.http, agent.id);
    const customer = httpClient(server.url, customerToken);
    llm.enqueue({ status: 500, errorMessage: 'upstream down' });
    expect((await customer.post(`/v1/chat/sessions/${session.id}/messages`, { content: 'Hallo?' })).status).toBe(201);
    const apology = await waitForStored(admin.http, session.id, (m) => m.role === 'system');
    expect(apology.content).toMatch(/^Entschuldigung — /);

    expect((await admin.http.post(`/v1/chat/sessions/${session.id}/takeover`, {})).status).toBe(200);
    const joined = await waitForStored(admin.http, session.id, (m) => m.source === 'takeover');
    expect(joined.content).toBe(`${admin.operator.name} ist dem Chat beigetreten`);
  });

  it('French: a help request after hours says when the team is back, weekday in French', async () => {
    const agent = await createAgent(admin.http, { language: 'fr', businessHours: closedNow() });
    const { session, customerToken } = await createSession(admin.http, agent.id);
    expect((await httpClient(server.url, customerToken).post(`/v1/chat/sessions/${session.id}/help`, {})).status).toBe(200);
    const notice: MessageDto = await waitForStored(admin.http, session.id, (m) => m.source === 'business_hours');
    expect(notice.content).toMatch(/^Notre équipe revient (lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) à 09:00 \(UTC\)\. Nous avons noté votre demande/);
  });
});
