import type { MessageDto, SessionDto } from '../../../shared/src/contract/types';
import { CLUSTER_MASTER_KEY, startCluster, type TestCluster } from '../support/cluster';
import { httpClient } from '../support/http-client';
import { describeWithRedis } from '../support/redis';

type Sent = { message: MessageDto; duplicate: boolean };

/**
 * Messages with a clientMessageId take their seq in one update that refuses an id among the
 * session's latest (domain/messages/message.service.ts `store`): with two processes writing to
 * one session at once nothing is lost or stored twice, and a retry takes no seq.
 */
describeWithRedis('messages with a clientMessageId, two processes writing to one session', () => {
  let cluster: TestCluster;
  const staffA = () => httpClient(cluster.a.url, CLUSTER_MASTER_KEY);
  const staffB = () => httpClient(cluster.b.url, CLUSTER_MASTER_KEY);

  beforeAll(async () => {
    cluster = await startCluster();
  }, 60_000);
  afterAll(async () => {
    await cluster?.stop();
  });

  async function newSession(customerId: string): Promise<{ id: string; customerToken: string }> {
    const created = await staffA().post<{ session: { id: string }; customerToken: string }>('/v1/chat/sessions', { agentId: cluster.agentId, customerId });
    expect(created.status).toBe(201);
    return { id: created.body.session.id, customerToken: created.body.customerToken };
  }

  async function stored(sessionId: string): Promise<{ messages: MessageDto[]; lastSeq: number }> {
    const [history, session] = await Promise.all([
      staffA().get<{ messages: MessageDto[] }>(`/v1/chat/sessions/${sessionId}/messages?limit=500`),
      staffB().get<{ session: SessionDto }>(`/v1/chat/sessions/${sessionId}`),
    ]);
    return { messages: history.body.messages, lastSeq: session.body.session.lastSeq };
  }

  const tell = (onA: boolean, sessionId: string, content: string, clientMessageId: string) =>
    (onA ? staffA() : staffB()).post<Sent>(`/v1/chat/sessions/${sessionId}/tell`, { content, clientMessageId });

  it('tells sent to both processes at once are each stored once, numbered 1..n; sent again they are duplicates and take no seq', async () => {
    const { id } = await newSession('two-writers');
    const ids = Array.from({ length: 24 }, (_, i) => `tell-${i}`);
    const first = await Promise.all(ids.map((cid, i) => tell(i % 2 === 0, id, `tell ${i}`, cid)));
    expect(first.map((r) => [r.status, r.body.duplicate])).toEqual(ids.map(() => [201, false]));

    const after = await stored(id);
    expect(after.messages.map((m) => m.seq)).toEqual(ids.map((_, i) => i + 1));
    expect(after.lastSeq).toBe(ids.length);
    expect(new Set(after.messages.map((m) => m.clientMessageId))).toEqual(new Set(ids));

    // The latest 20 again, on the other process: answered with the stored one, nothing written, no seq taken.
    const recent = ids.map((cid, i) => ({ cid, i })).filter(({ cid }) => after.messages.slice(-20).some((m) => m.clientMessageId === cid));
    const again = await Promise.all(recent.map(({ cid, i }) => tell(i % 2 === 1, id, `tell ${i}`, cid)));
    expect(again.map((r) => [r.status, r.body.duplicate])).toEqual(recent.map(() => [200, true]));
    expect(again.map((r) => r.body.message.id)).toEqual(recent.map(({ i }) => first[i]?.body.message.id));
    const final = await stored(id);
    expect(final.messages).toHaveLength(ids.length);
    expect(final.lastSeq).toBe(ids.length);

    // Older ones are still answered with the stored message and stored once (their seq may go unused).
    const older = ids.map((cid, i) => ({ cid, i })).filter(({ cid }) => !recent.some((r) => r.cid === cid));
    for (const { cid, i } of older) expect((await tell(i % 2 === 1, id, `tell ${i}`, cid)).body).toMatchObject({ duplicate: true, message: { id: first[i]?.body.message.id } });
    expect((await stored(id)).messages).toHaveLength(ids.length);
  });

  it('the same tell sent to both processes at the same moment is stored once, and both answers name it', async () => {
    const { id } = await newSession('same-moment');
    for (let round = 0; round < 5; round++) {
      const cid = `race-${round}`;
      const [onA, onB] = await Promise.all([tell(true, id, 'one moment', cid), tell(false, id, 'one moment', cid)]);
      expect([onA.body.duplicate, onB.body.duplicate].sort()).toEqual([false, true]);
      expect(onA.body.message.id).toBe(onB.body.message.id);
    }
    const { messages } = await stored(id);
    expect(messages.map((m) => m.clientMessageId)).toEqual(['race-0', 'race-1', 'race-2', 'race-3', 'race-4']);
  });

  it("a customer's message sent again while a person has the session is stored once and takes no seq, on either process", async () => {
    const { id, customerToken } = await newSession('in-support');
    expect((await staffA().post(`/v1/chat/sessions/${id}/takeover`, {})).status).toBe(200);
    const { lastSeq: before } = await stored(id);
    const send = (url: string) => httpClient(url, customerToken).post<Sent & { reply: MessageDto | null }>(`/v1/chat/sessions/${id}/messages`, { content: 'where is my parcel?', clientMessageId: 'parcel-1' });
    const first = await send(cluster.a.url);
    expect([first.status, first.body.duplicate, first.body.reply]).toEqual([201, false, null]);
    const again = await send(cluster.b.url);
    expect([again.status, again.body.duplicate, again.body.message.id]).toEqual([200, true, first.body.message.id]);
    const { messages, lastSeq } = await stored(id);
    expect(messages.filter((m) => m.role === 'customer')).toHaveLength(1);
    expect(lastSeq).toBe(before + 1);
    expect(messages.map((m) => m.seq)).toEqual(messages.map((_, i) => i + 1));
  });

  it('a customer id and a staff id that read alike never refuse each other', async () => {
    const { id, customerToken } = await newSession('alike');
    expect((await staffA().post(`/v1/chat/sessions/${id}/takeover`, {})).status).toBe(200);
    const customer = await httpClient(cluster.b.url, customerToken).post<Sent>(`/v1/chat/sessions/${id}/messages`, { content: 'hi', clientMessageId: 'operator:x' });
    const staff = await tell(true, id, 'hello', 'x');
    expect([customer.body.duplicate, staff.body.duplicate]).toEqual([false, false]);
    const { messages, lastSeq } = await stored(id);
    expect(messages.filter((m) => m.clientMessageId === 'operator:x' || m.clientMessageId === 'x').map((m) => m.role)).toEqual(['customer', 'operator']);
    expect(messages.map((m) => m.seq)).toEqual(messages.map((_, i) => i + 1));
    expect(lastSeq).toBe(messages.length);
  });
});
