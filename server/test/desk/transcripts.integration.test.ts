import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AgentDto } from '../../../shared/src/contract/types';
import { createAgent, createSession } from '../support/factories';
import { httpClient } from '../support/http-client';
import { loginAdmin, type Staff } from '../support/operator-helpers';
import { startTestServer, type TestServer } from '../support/test-server';

describe('transcripts', () => {
  let server: TestServer;
  let admin: Staff;
  let agent: AgentDto;

  beforeAll(async () => {
    server = await startTestServer({ env: { SEED_DEMO: 'false' } });
    admin = await loginAdmin(server);
    agent = await createAgent(admin.http);
  });
  afterAll(() => server.close());

  async function conversation() {
    const created = await createSession(admin.http, agent.id);
    const id = created.session.id;
    await admin.http.post(`/v1/chat/sessions/${id}/takeover`);
    await httpClient(server.url, created.customerToken).post(`/v1/chat/sessions/${id}/messages`, { content: 'Is <script>alert("x")</script> & co safe?' });
    await admin.http.post(`/v1/chat/sessions/${id}/whisper`, { content: 'SECRET-WHISPER' });
    await admin.http.post(`/v1/chat/sessions/${id}/context`, { content: 'SECRET-CONTEXT' });
    await admin.http.post(`/v1/chat/sessions/${id}/tell`, { content: 'Yes, it is safe.' });
    await admin.http.post(`/v1/chat/sessions/${id}/tell`, { content: 'Steps:\n- open https://example.com/help\n- click **Reset**' });
    return created;
  }

  it('text: customer-visible messages only, as a download', async () => {
    const { session, customerToken } = await conversation();
    const res = await fetch(`${server.url}/v1/chat/sessions/${session.id}/transcript?format=text`, { headers: { authorization: `Bearer ${customerToken}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="transcript-.*\.txt"/);
    const text = await res.text();
    expect(text).toContain('Is <script>alert("x")</script> & co safe?');
    expect(text).toContain('Yes, it is safe.');
    expect(text).toContain('joined the chat');
    expect(text).not.toContain('SECRET-WHISPER');
    expect(text).not.toContain('SECRET-CONTEXT');
  });

  it('html: escaped, no whispers, attachment disposition; other customers get 404; bad format 400', async () => {
    const { session } = await conversation();
    const res = await fetch(`${server.url}/v1/chat/sessions/${session.id}/transcript?format=html`, { headers: { authorization: `Bearer ${admin.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="transcript-.*\.html"/);
    const html = await res.text();
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co safe?');
    // Formatted as the widget shows it: a list with a link and bold text.
    expect(html).toContain(
      '<p>Steps:</p><ul><li>open <a href="https://example.com/help" target="_blank" rel="noopener noreferrer nofollow">https://example.com/help</a></li><li>click <strong>Reset</strong></li></ul>',
    );
    expect(html).not.toContain('SECRET-WHISPER');
    expect(html).not.toContain('SECRET-CONTEXT');
    const stranger = await createSession(admin.http, agent.id);
    expect((await httpClient(server.url, stranger.customerToken).get(`/v1/chat/sessions/${session.id}/transcript`)).status).toBe(404);
    expect((await admin.http.get(`/v1/chat/sessions/${session.id}/transcript?format=pdf`)).status).toBe(400);
  });

  it("is headed and signed in the agent's language", async () => {
    const french = await createAgent(admin.http, { language: 'fr' });
    const { session, customerToken } = await createSession(admin.http, french.id);
    await httpClient(server.url, customerToken).post(`/v1/chat/sessions/${session.id}/messages`, { content: 'Bonjour' });
    const text = await (await fetch(`${server.url}/v1/chat/sessions/${session.id}/transcript?format=text`, { headers: { authorization: `Bearer ${customerToken}` } })).text();
    expect(text).toMatch(new RegExp(`^Conversation avec ${french.name}\nSession ${session.id}, commencée le `));
    expect(text).toMatch(/\] Vous: Bonjour/);
    const html = await (await fetch(`${server.url}/v1/chat/sessions/${session.id}/transcript?format=html`, { headers: { authorization: `Bearer ${customerToken}` } })).text();
    expect(html).toContain('<html lang="fr">');
  });
});
