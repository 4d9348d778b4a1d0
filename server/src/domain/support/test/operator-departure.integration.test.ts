/** An operator left: the customers waiting on them go back to the help inbox, the reason in each agent's language. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { SessionDto } from '../../../../../shared/src/contract/types';
import { createAgent, createSession } from '../../../../test/support/factories';
import { httpClient, type HttpClient } from '../../../../test/support/http-client';
import { createStaff, type Staff } from '../../../../test/support/operator-helpers';
import { startTestServer, type TestServer } from '../../../../test/support/test-server';
import { operatorLeft } from '../operator-departure';

describe('operatorLeft', () => {
  let server: TestServer;
  let api: HttpClient;
  let erin: Staff;

  beforeAll(async () => {
    server = await startTestServer({ env: { SEED_DEMO: 'false' } });
    api = httpClient(server.url, server.masterKey);
    erin = await createStaff(server, 'operator', 'Erin');
  });
  afterAll(() => server.close());

  /** A session of `agentId` that Erin took over, where the customer wrote after (waiting) or Erin answered last. */
  async function heldByErin(agentId: string, customerWaits: boolean): Promise<string> {
    const { session, customerToken } = await createSession(api, agentId);
    expect((await erin.http.post(`/v1/chat/sessions/${session.id}/takeover`)).status).toBe(200);
    expect((await httpClient(server.url, customerToken).post(`/v1/chat/sessions/${session.id}/messages`, { content: 'Still there?' })).status).toBe(201);
    if (!customerWaits) expect((await erin.http.post(`/v1/chat/sessions/${session.id}/tell`, { content: 'Yes, one moment.' })).status).toBe(201);
    return session.id;
  }
  const sessionOf = async (id: string) => (await api.get<{ session: SessionDto }>(`/v1/chat/sessions/${id}`)).body.session;

  it('flags each waiting customer once, with who left and how, in the language of the session’s agent', async () => {
    const [english, german] = [await createAgent(api), await createAgent(api, { language: 'de' })];
    const waitingEn = await heldByErin(english.id, true);
    const waitingDe = await heldByErin(german.id, true);
    const answered = await heldByErin(english.id, false);

    expect(await operatorLeft(server.app.services, erin.operator, 'console_stopped')).toBe(2);
    expect(await sessionOf(waitingEn)).toMatchObject({ helpRequested: true, assignedTo: erin.operator.id, helpReason: "Erin's console stopped answering while the customer was waiting for a reply" });
    expect(await sessionOf(waitingDe)).toMatchObject({ helpRequested: true, helpReason: 'Die Konsole von Erin antwortet nicht mehr, während der Kunde auf eine Antwort wartete' });
    expect((await sessionOf(answered)).helpRequested).toBe(false);
    // Already in the inbox: a second departure (another process's sweep) flags nothing again.
    expect(await operatorLeft(server.app.services, erin.operator, 'closed_console')).toBe(0);
    expect((await sessionOf(waitingEn)).helpReason).toMatch(/console stopped answering/);
  });
});
