/**
 * The keyless demo shows supervision (issue 22.2), through real sockets and the `offline`
 * model of the seeded demo agent: a whisper steers the next reply (and is never shown to the
 * customer), `respond: true` makes it reply now, injected context is passed on, and "Where is
 * my order?" gets the shipping passage. Before, the offline model ignored all of it.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { MessageDto } from '../../../shared/src/contract/types';
import type { StreamEnd } from '../../../shared/src/events';
import { widgetSend } from '../support/factories';
import { connectOperator, connectWidget, loginAdmin, ok, opEmit, Recorder, type Staff } from '../support/operator-helpers';
import { startTestServer, type TestServer } from '../support/test-server';

describe('offline demo model under supervision', () => {
  let server: TestServer;
  let admin: Staff;
  const sockets: { close(): unknown }[] = [];
  const track = <T extends { close(): unknown }>(s: T): T => (sockets.push(s), s);

  beforeAll(async () => {
    server = await startTestServer();
    admin = await loginAdmin(server);
  });
  afterEach(() => void sockets.splice(0).forEach((s) => s.close()));
  afterAll(() => server.close());

  async function demoChat() {
    const w = await connectWidget(server, server.demoAgentId);
    track(w.socket);
    const op = track(await connectOperator(server, admin.token));
    ok(await opEmit(op, 'session:join', { sessionId: w.sessionId }));
    const widgetSeen = new Recorder(w.socket);
    let sent = 0;
    /** Sends a customer message and resolves with the AI's finished reply to it. */
    const ask = async (content: string): Promise<string> => {
      const ends = widgetSeen.of('stream:end').length;
      ok(await widgetSend(w.socket, { clientMessageId: `m${(sent += 1)}`, content }));
      return nextReply(ends);
    };
    const nextReply = async (ends: number): Promise<string> => {
      await widgetSeen.waitFor<StreamEnd>('stream:end', () => widgetSeen.of('stream:end').length > ends);
      const end = widgetSeen.of<StreamEnd>('stream:end')[ends] as StreamEnd;
      expect(end.message.status).toBe('complete');
      return end.message.content;
    };
    return { ...w, op, widgetSeen, ask, nextReply };
  }

  it('a whisper steers the next reply, once, and the customer never sees the whisper', async () => {
    const { sessionId, op, widgetSeen, ask } = await demoChat();
    ok(await opEmit(op, 'whisper', { sessionId, content: 'offer ACME10' }));
    expect(await ask('Can I get a discount?')).toBe('I can offer you ACME10.');
    const next = await ask('How much is express delivery?');
    expect(next).not.toContain('ACME10');
    expect(next).toContain('From “Shipping”');
    expect(widgetSeen.text()).not.toContain('offer ACME10');
  });

  it('a whisper with respond: true is answered now', async () => {
    const { sessionId, op, ask, nextReply, widgetSeen } = await demoChat();
    await ask('My boots are broken');
    const ends = widgetSeen.of('stream:end').length;
    ok(await opEmit(op, 'whisper', { sessionId, content: 'apologise and ask them for a photo of the defect', respond: true }));
    expect(await nextReply(ends)).toBe("I'm sorry about that. Could you share a photo of the defect?");
  });

  it('context injected with respond: true is passed on, and later questions are answered from it', async () => {
    const { sessionId, ask, nextReply, widgetSeen } = await demoChat();
    await ask('Hello');
    const ends = widgetSeen.of('stream:end').length;
    const res = await admin.http.post<{ message: MessageDto }>(`/v1/chat/sessions/${sessionId}/context`, { content: 'Your exchange pair of boots (size 43) ships on Monday.', source: 'crm', respond: true });
    expect(res.status).toBe(201);
    expect(await nextReply(ends)).toBe('Here is an update for you: Your exchange pair of boots (size 43) ships on Monday.');
    expect(await ask('Which size are my exchange boots?')).toContain('size 43');
  });

  it('"Where is my order?" gets the shipping passage, not the warranty', async () => {
    const { ask } = await demoChat();
    const reply = await ask('Where is my order?');
    expect(reply).not.toContain('Warranty');
    expect(reply).toMatch(/tracking link|order number/);
  });
});
