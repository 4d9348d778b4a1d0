import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { MessageDto } from '../../../shared/src/contract/types';
import type { SessionUpdate, StreamDelta, StreamEnd, StreamStart } from '../../../shared/src/events';
import { sseChunk, startFakeLlm, type FakeLlm } from '../support/fake-llm-server';
import { createFakeLlmAgent, eventsOf, getSession, okAck, openWidget, staffMessages, widgetSend, type OpenWidget } from '../support/factories';
import { httpClient, type HttpClient } from '../support/http-client';
import { waitUntil } from '../support/socket-clients';
import { startTestServer, type TestServer } from '../support/test-server';

const IDLE_TIMEOUT_MS = 400;

describe('the agent runtime against a real OpenAI-protocol server', () => {
  let server: TestServer;
  let http: HttpClient;
  let llm: FakeLlm;
  let agentId: string;
  const open: OpenWidget[] = [];

  beforeAll(async () => {
    llm = await startFakeLlm({ recordTokenTimes: true });
    server = await startTestServer({ env: { LLM_IDLE_TIMEOUT_MS: String(IDLE_TIMEOUT_MS), LLM_FIRST_TOKEN_TIMEOUT_MS: '800', LLM_RETRY_BASE_MS: '20' } });
    http = httpClient(server.url, server.masterKey);
    agentId = (await createFakeLlmAgent(http, llm.url)).id;
  });
  afterEach(() => open.splice(0).forEach((w) => w.socket.disconnect()));
  afterAll(async () => {
    await server.close();
    await llm.close();
  });

  const widget = async () => {
    const w = await openWidget(server.url, { agentId });
    open.push(w);
    return w;
  };
  const ends = (w: OpenWidget) => eventsOf<StreamEnd>(w, 'stream:end');
  const nthEnd = (w: OpenWidget, n: number) => waitUntil(() => ends(w)[n - 1], 8_000);

  it('relays deltas in order over /widget; they concatenate to the stored reply', async () => {
    const tokens = ['The ', 'parcel ', 'left ', 'on ', 'Monday', '.'];
    llm.enqueue({ tokens, delayMs: 10 });
    const w = await widget();
    okAck(await widgetSend(w.socket, { clientMessageId: 'm1', content: 'where is it?' }));
    const end = await nthEnd(w, 1);

    const start = eventsOf<StreamStart>(w, 'stream:start')[0];
    const deltas = eventsOf<StreamDelta>(w, 'stream:delta');
    expect(deltas.map((d) => d.index)).toEqual(tokens.map((_, i) => i));
    expect(deltas.every((d) => d.messageId === start.messageId)).toBe(true);
    expect(deltas.map((d) => d.text).join('')).toBe(tokens.join(''));
    expect(end).toMatchObject({ messageId: start.messageId, status: 'complete', message: { content: tokens.join(''), role: 'agent', seq: 2 } });
    // stream:start comes before any delta, stream:end after the last one.
    const order = w.log.map((e) => e.event).filter((e) => e.startsWith('stream:'));
    expect(order[0]).toBe('stream:start');
    expect(order.at(-1)).toBe('stream:end');
    const stored = await staffMessages(http, w.snapshot.session.id);
    expect(stored.at(-1)).toMatchObject({ id: start.messageId, content: tokens.join(''), status: 'complete' });
  });

  it('never shows the customer a reasoning model\'s reasoning, however it is sent', async () => {
    const event = (data: string) => `data: ${data}\n\n`;
    const content = (text: string) => event(sseChunk({ content: text }));
    llm.enqueue({
      wire: [event(sseChunk({ reasoning_content: 'Let me think. ' } as object)), content('<thi'), content('nk>The customer wants</th'), content('ink>\n\n'), content('It left'), content(' Monday.'), event(sseChunk({}, 'stop')), event('[DONE]')],
    });
    const w = await widget();
    okAck(await widgetSend(w.socket, { clientMessageId: 'think-1', content: 'where is it?' }));
    const end = await nthEnd(w, 1);
    expect(end).toMatchObject({ status: 'complete', message: { content: 'It left Monday.' } });
    expect(eventsOf<StreamDelta>(w, 'stream:delta').map((d) => d.text).join('')).toBe('It left Monday.');
    expect((await staffMessages(http, w.snapshot.session.id)).at(-1)?.content).toBe('It left Monday.');
  });

  it('relays incrementally: the first delta arrives before the model has written its last token', async () => {
    const tokens = ['one ', 'two ', 'three ', 'four ', 'five ', 'six'];
    llm.enqueue({ tokens, delayMs: 100 });
    const w = await widget();
    const before = llm.tokenTimestamps.length;
    let writtenAtFirstDelta = -1;
    w.socket.once('stream:delta', () => (writtenAtFirstDelta = llm.tokenTimestamps.length - before));
    okAck(await widgetSend(w.socket, { clientMessageId: 'inc', content: 'count' }));
    await nthEnd(w, 1);
    expect(writtenAtFirstDelta).toBeGreaterThanOrEqual(1);
    expect(writtenAtFirstDelta).toBeLessThan(tokens.length);
    const times = w.log.filter((e) => e.event === 'stream:delta').map((e) => e.at);
    expect(times.at(-1)! - times[0]).toBeGreaterThanOrEqual(300);
  });

  it('answers messages sent in quick succession once each, one reply after another', async () => {
    llm.setResponder(() => ({ tokens: ['Noted', '.'], delayMs: 30 }));
    const w = await widget();
    const requestsBefore = llm.requests.length;
    const acks = await Promise.all(['first', 'second', 'third'].map((content, i) => widgetSend(w.socket, { clientMessageId: `q${i}`, content })));
    // The first message's turn takes its reply's seq with it (one round trip before the model is
    // asked, see ai-turn.ts); the two sent while that reply runs wait their turn and reserve later.
    expect(acks.map((a) => okAck(a).message.seq).sort()).toEqual([1, 3, 4]);
    await nthEnd(w, 3);
    await new Promise((r) => setTimeout(r, 200));

    expect(ends(w)).toHaveLength(3);
    expect(llm.requests.length - requestsBefore).toBe(3);
    // Reply k was asked for only once customer message k was stored: request k holds at least k user messages.
    llm.requests.slice(requestsBefore).forEach((req, k) => expect(req.messages.filter((m) => m.role === 'user').length).toBeGreaterThanOrEqual(k + 1));
    // Replies never overlap: each stream ends before the next starts.
    const streamEvents = w.log.filter((e) => e.event === 'stream:start' || e.event === 'stream:end').map((e) => e.event);
    expect(streamEvents).toEqual(['stream:start', 'stream:end', 'stream:start', 'stream:end', 'stream:start', 'stream:end']);
    const stored = await staffMessages(http, w.snapshot.session.id);
    expect(stored.filter((m) => m.role === 'customer').map((m) => m.content).sort()).toEqual(['first', 'second', 'third']);
    expect(stored.filter((m) => m.role === 'agent').map((m) => m.status)).toEqual(['complete', 'complete', 'complete']);
    expect(stored.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    llm.setResponder(() => ({ tokens: ['ok'] }));
  });

  it('retries a 429 that came before the first token, and succeeds', async () => {
    llm.enqueue({ status: 429, retryAfterMs: 50 }, { tokens: ['Back ', 'again'] });
    const w = await widget();
    const before = llm.requests.length;
    okAck(await widgetSend(w.socket, { clientMessageId: 'r', content: 'hello' }));
    const end = await nthEnd(w, 1);
    expect(llm.requests.length - before).toBe(2);
    expect(end).toMatchObject({ status: 'complete', message: { content: 'Back again' } });
    expect(eventsOf<StreamDelta>(w, 'stream:delta').map((d) => d.text)).toEqual(['Back ', 'again']);
    expect((await getSession(http, w.snapshot.session.id)).helpRequested).toBe(false);
  });

  /** `partial`: the text the model got out before failing (a cut socket may lose its last, unread chunk). */
  const expectFailedTurn = async (w: OpenWidget, partial: string | RegExp) => {
    const end = await nthEnd(w, 1);
    expect(end).toMatchObject({ status: 'failed', message: { status: 'failed', content: partial } });
    // What is stored is exactly what the customer was shown.
    expect(eventsOf<StreamDelta>(w, 'stream:delta').map((d) => d.text).join('')).toBe(end.message.content);
    const apology = await waitUntil(() => eventsOf<MessageDto>(w, 'message').find((m) => m.role === 'system'));
    expect(apology.content).toMatch(/sorry/i);
    await waitUntil(() => eventsOf<SessionUpdate>(w, 'session:update').find((u) => u.helpRequested));

    const sessionId = w.snapshot.session.id;
    const stored = await staffMessages(http, sessionId);
    expect(stored.map((m) => [m.role, m.status ?? null])).toEqual([
      ['customer', null],
      ['agent', 'failed'],
      ['system', null],
    ]);
    expect(stored[1].content).toBe(end.message.content);
    const session = await getSession(http, sessionId);
    expect(session).toMatchObject({ helpRequested: true, status: 'active', mode: 'ai' });
    expect(session.helpReason).toMatch(/failed/i);
    const customerView = await httpClient(server.url, w.snapshot.customerToken).get<{ messages: MessageDto[] }>(`/v1/chat/sessions/${sessionId}/messages`);
    expect(customerView.body.messages.map((m) => m.role)).toEqual(['customer', 'agent', 'system']);
  };

  it('a stream cut mid-way: the partial reply is stored as failed, the customer gets an apology, help is requested', async () => {
    llm.enqueue({ tokens: ['Your ', 'refund ', 'was ', 'issued'], breakAfter: 2, delayMs: 10 });
    const w = await widget();
    const before = llm.requests.length;
    okAck(await widgetSend(w.socket, { clientMessageId: 'b', content: 'refund?' }));
    await expectFailedTurn(w, /^Your (refund )?$/);
    // Text already shown is never retried (it would be shown twice).
    expect(llm.requests.length - before).toBe(1);
  });

  it('a stream that stalls after its first tokens times out and fails the same way, cancelling the request', async () => {
    llm.enqueue({ tokens: ['Let ', 'me ', 'check'], stallAfter: 2 });
    const w = await widget();
    const abortedBefore = llm.aborted;
    const sentAt = Date.now();
    okAck(await widgetSend(w.socket, { clientMessageId: 's', content: 'status?' }));
    await expectFailedTurn(w, 'Let me ');
    expect(Date.now() - sentAt).toBeGreaterThanOrEqual(IDLE_TIMEOUT_MS - 50);
    await llm.waitForAbort(abortedBefore + 1);
  });

  it('a model silent before its first token is abandoned and retried', async () => {
    llm.enqueue({ stallBeforeFirstToken: true }, { tokens: ['Second ', 'try'] });
    const w = await widget();
    const before = llm.requests.length;
    okAck(await widgetSend(w.socket, { clientMessageId: 'f', content: 'hi' }));
    const end = await nthEnd(w, 1);
    expect(end).toMatchObject({ status: 'complete', message: { content: 'Second try' } });
    expect(llm.requests.length - before).toBe(2);
  });
});
