import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CustomerSessionDto, MessageDto, SessionDto, SessionPage, SessionStats } from '../../../shared/src/contract/types';
import type { ErrorBody } from '../../../shared/src/errors';
import { createAgent, createSession, staffMessages, uniq } from '../support/factories';
import { httpClient, type HttpClient } from '../support/http-client';
import { startTestServer, type TestServer } from '../support/test-server';

type ErrorResponse = { error: ErrorBody };
const base = '/v1/chat/sessions';

describe('/v1/chat/sessions', () => {
  let server: TestServer;
  let http: HttpClient;

  beforeAll(async () => {
    server = await startTestServer();
    http = httpClient(server.url, server.masterKey);
  });
  afterAll(() => server.close());

  it('creates a session: 201 {session, customerToken}, then reads it', async () => {
    const agent = await createAgent(http);
    const res = await http.post<{ session: SessionDto; customerToken: string }>(base, { agentId: agent.id, customerId: 'crm-42', metadata: { plan: 'pro', cart: [1, 2] } });
    expect(res.status).toBe(201);
    expect(res.body.customerToken).toMatch(/^cst_/);
    expect(res.body.session).toMatchObject({
      agentId: agent.id,
      customerId: 'crm-42',
      metadata: { plan: 'pro', cart: [1, 2] },
      status: 'active',
      mode: 'ai',
      helpRequested: false,
      lastSeq: 0,
      lastMessageAt: null,
    });
    const got = await http.get<{ session: SessionDto }>(`${base}/${res.body.session.id}`);
    expect(got.status).toBe(200);
    expect(got.body.session).toEqual(res.body.session);
    // Without metadata the stored session has an empty object, and every default, as created.
    const bare = await http.post<{ session: SessionDto }>(base, { agentId: agent.id, customerId: 'crm-43' });
    const stored = await http.get<{ session: SessionDto }>(`${base}/${bare.body.session.id}`);
    expect(stored.body.session).toEqual(bare.body.session);
    expect(stored.body.session).toMatchObject({ metadata: {}, status: 'active', mode: 'ai', currentState: null, lastSeq: 0 });
    expect(Date.parse(stored.body.session.createdAt)).toBeGreaterThan(Date.parse(res.body.session.createdAt) - 1);
  });

  it('refuses a session for an unknown agent (404) and a bad body (400 naming the field)', async () => {
    const unknown = await http.post<ErrorResponse>(base, { agentId: '0123456789abcdef01234567', customerId: 'c' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('not_found');
    const agent = await createAgent(http);
    const noCustomer = await http.post<ErrorResponse>(base, { agentId: agent.id });
    expect(noCustomer.status).toBe(400);
    expect(noCustomer.body.error).toMatchObject({ code: 'invalid_request', field: 'customerId' });
    const badAgent = await http.post<ErrorResponse>(base, { agentId: 'nope', customerId: 'c' });
    expect(badAgent.body.error).toMatchObject({ code: 'invalid_request', field: 'agentId' });
    expect((await http.get<SessionPage>(`${base}?agentId=${agent.id}`)).body.sessions).toHaveLength(0);
  });

  it('404 not_found for an unknown session id; 400 naming `id` for one that is not an id', async () => {
    const res = await http.get<ErrorResponse>(`${base}/0123456789abcdef01234567`);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
    const malformed = await http.get<ErrorResponse>(`${base}/not-an-id`);
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toMatchObject({ code: 'invalid_request', field: 'id' });
  });

  describe('the session log', () => {
    let agentId: string;
    let otherAgentId: string;
    const ids: Record<'plain' | 'support' | 'help' | 'closed' | 'other', string> = { plain: '', support: '', help: '', closed: '', other: '' };
    const customerId = uniq('vip');

    beforeAll(async () => {
      agentId = (await createAgent(http)).id;
      otherAgentId = (await createAgent(http)).id;
      ids.plain = (await createSession(http, agentId, { customerId })).session.id;
      ids.support = (await createSession(http, agentId)).session.id;
      ids.help = (await createSession(http, agentId)).session.id;
      ids.closed = (await createSession(http, agentId)).session.id;
      ids.other = (await createSession(http, otherAgentId, { customerId })).session.id;
      expect((await http.post(`${base}/${ids.support}/takeover`)).status).toBe(200);
      expect((await http.post(`${base}/${ids.help}/help`, { reason: 'wants a person' })).status).toBe(200);
      expect((await http.post(`${base}/${ids.closed}/close`)).status).toBe(200);
    });

    const listIds = async (query: string) => {
      const res = await http.get<SessionPage>(`${base}?${query}`);
      expect(res.status).toBe(200);
      return res.body.sessions.map((s) => s.id).sort();
    };

    it('filters by agentId, status, mode, customerId and helpRequested', async () => {
      expect(await listIds(`agentId=${agentId}`)).toEqual([ids.plain, ids.support, ids.help, ids.closed].sort());
      expect(await listIds(`agentId=${agentId}&status=closed`)).toEqual([ids.closed]);
      expect(await listIds(`agentId=${agentId}&status=active`)).toEqual([ids.plain, ids.support, ids.help].sort());
      expect(await listIds(`agentId=${agentId}&mode=support`)).toEqual([ids.support]);
      expect(await listIds(`agentId=${agentId}&mode=ai`)).toEqual([ids.plain, ids.help, ids.closed].sort());
      expect(await listIds(`customerId=${customerId}`)).toEqual([ids.plain, ids.other].sort());
      expect(await listIds(`customerId=${customerId}&agentId=${otherAgentId}`)).toEqual([ids.other]);
      // customerId is exact (integrators filter one customer); the console's search box sends a prefix, in any case.
      expect(await listIds(`customerId=${customerId.slice(0, -2)}`)).toEqual([]);
      expect(await listIds(`customerIdPrefix=${customerId.slice(0, -2).toUpperCase()}`)).toEqual(expect.arrayContaining([ids.plain, ids.other]));
      expect(await listIds(`customerIdPrefix=${encodeURIComponent('.*')}`)).toEqual([]);
      expect(await listIds(`agentId=${agentId}&helpRequested=true`)).toEqual([ids.help]);
      expect(await listIds(`agentId=${agentId}&helpRequested=false`)).toEqual([ids.plain, ids.support, ids.closed].sort());
    });

    it('refuses a bad filter with 400 naming it', async () => {
      const res = await http.get<ErrorResponse>(`${base}?status=sleeping`);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'invalid_request', field: 'status' });
      const cursor = await http.get<ErrorResponse>(`${base}?cursor=garbage`);
      expect(cursor.status).toBe(400);
      expect(cursor.body.error).toMatchObject({ code: 'invalid_request', field: 'cursor' });
    });

    it('stats count each status and the help requests under the same filters', async () => {
      const res = await http.get<SessionStats>(`${base}/stats?agentId=${agentId}`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ total: 4, active: 3, dormant: 0, closed: 1, helpRequested: 1, awaitingReply: 0, approvalPending: 0, csatAverage: null, csatCount: 0 });
      expect((await http.get<SessionStats>(`${base}/stats?agentId=${agentId}&mode=support`)).body).toEqual({ total: 1, active: 1, dormant: 0, closed: 0, helpRequested: 0, awaitingReply: 0, approvalPending: 0, csatAverage: null, csatCount: 0 });
      expect((await http.get<SessionStats>(`${base}/stats?customerId=${customerId}`)).body.total).toBe(2);
    });
  });

  it('pages newest first with a cursor: 7 sessions in pages of 3, each seen exactly once', async () => {
    const agent = await createAgent(http);
    const created: string[] = [];
    for (let i = 0; i < 7; i++) created.push((await createSession(http, agent.id)).session.id);
    // Half created in the same millisecond too, so ties on createdAt are broken by id.
    const burst = await Promise.all([0, 1, 2].map(() => createSession(http, agent.id)));
    created.push(...burst.map((b) => b.session.id));

    const seen: string[] = [];
    const pageSizes: number[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `${base}?agentId=${agent.id}&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await http.get<SessionPage>(query);
      expect(res.status).toBe(200);
      pageSizes.push(res.body.sessions.length);
      seen.push(...res.body.sessions.map((s) => s.id));
      cursor = res.body.nextCursor;
    } while (cursor && pageSizes.length < 10);
    expect(pageSizes).toEqual([3, 3, 3, 1]);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual([...created].sort());
    // Newest first: the first seven were created one after another.
    expect(seen.filter((id) => created.slice(0, 7).includes(id))).toEqual(created.slice(0, 7).reverse());
  });

  it('order=waiting: open help requests only, the longest waiting first, page after page', async () => {
    const agent = await createAgent(http);
    const [first, second, third, none] = [
      (await createSession(http, agent.id)).session.id,
      (await createSession(http, agent.id)).session.id,
      (await createSession(http, agent.id)).session.id,
      (await createSession(http, agent.id)).session.id,
    ];
    // Asked in another order than created; a few ms apart so each request has its own time.
    for (const id of [second, first, third]) {
      expect((await http.post(`${base}/${id}/help`, { reason: 'please' })).status).toBe(200);
      await new Promise((r) => setTimeout(r, 15));
    }
    const list = async (query: string) => (await http.get<{ sessions: SessionDto[]; nextCursor: string | null }>(`${base}?agentId=${agent.id}&order=waiting${query}`)).body;
    expect((await list('')).sessions.map((s) => s.id)).toEqual([second, first, third]);

    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { sessions: SessionDto[]; nextCursor: string | null } = await list(`&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      paged.push(...page.sessions.map((s) => s.id));
      cursor = page.nextCursor;
    } while (cursor && paged.length < 10);
    expect(paged).toEqual([second, first, third]);

    expect((await http.delete(`${base}/${first}/help`)).status).toBe(200);
    expect((await list('')).sessions.map((s) => s.id)).toEqual([second, third]);
    expect((await list('')).sessions.map((s) => s.id)).not.toContain(none);
    const bad = await http.get<ErrorResponse>(`${base}?order=oldest`);
    expect([bad.status, bad.body.error.field]).toEqual([400, 'order']);
  });

  it('PATCH replaces the metadata and nothing else; a bad body changes nothing', async () => {
    const agent = await createAgent(http);
    const { session } = await createSession(http, agent.id, { metadata: { old: true } });
    const res = await http.patch<{ session: SessionDto }>(`${base}/${session.id}`, { metadata: { orderId: 'A-1', items: [{ sku: 'x' }] } });
    expect(res.status).toBe(200);
    expect(res.body.session).toMatchObject({ id: session.id, metadata: { orderId: 'A-1', items: [{ sku: 'x' }] }, status: 'active', customerId: session.customerId });
    const bad = await http.patch<ErrorResponse>(`${base}/${session.id}`, { metadata: 'nope' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'invalid_request', field: 'metadata' });
    const injected = await http.patch<ErrorResponse>(`${base}/${session.id}`, { metadata: { $set: { status: 'closed' } } });
    expect(injected.status).toBe(400);
    const after = await http.get<{ session: SessionDto }>(`${base}/${session.id}`);
    expect(after.body.session.metadata).toEqual({ orderId: 'A-1', items: [{ sku: 'x' }] });
  });

  it('close: the session is closed and a later message is 409 session_closed, storing nothing', async () => {
    const agent = await createAgent(http);
    const { session } = await createSession(http, agent.id);
    const closed = await http.post<{ session: SessionDto }>(`${base}/${session.id}/close`);
    expect(closed.status).toBe(200);
    expect(closed.body.session.status).toBe('closed');
    expect(closed.body.session.closedAt).not.toBeNull();
    const again = await http.post<{ session: SessionDto }>(`${base}/${session.id}/close`);
    expect(again.body.session.closedAt).toBe(closed.body.session.closedAt);

    const late = await http.post<ErrorResponse>(`${base}/${session.id}/messages`, { content: 'hello?' });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('session_closed');
    expect(await staffMessages(http, session.id)).toEqual([]);
  });

  describe('a customer token', () => {
    it('reads its own session and messages without staff-only roles or fields', async () => {
      const agent = await createAgent(http);
      const { session, customerToken } = await createSession(http, agent.id, { metadata: { secret: 'internal note' } });
      await http.post(`${base}/${session.id}/messages`, { content: 'hello' });
      expect((await http.post(`${base}/${session.id}/whisper`, { content: 'be kind' })).status).toBe(201);
      expect((await http.post(`${base}/${session.id}/context`, { content: 'VIP customer', source: 'crm' })).status).toBe(201);
      expect((await http.post(`${base}/${session.id}/tell`, { content: 'Hi, I am Ana' })).status).toBe(201);

      const customer = httpClient(server.url, customerToken);
      const own = await customer.get<{ session: CustomerSessionDto & { metadata?: unknown } }>(`${base}/${session.id}`);
      expect(own.status).toBe(200);
      expect(own.body.session).toMatchObject({ id: session.id, agentId: agent.id, status: 'active', mode: 'ai' });
      expect(own.body.session.metadata).toBeUndefined();

      const theirs = await customer.get<{ messages: MessageDto[] }>(`${base}/${session.id}/messages`);
      expect(theirs.status).toBe(200);
      expect(theirs.body.messages.map((m) => m.role)).toEqual(['customer', 'agent', 'operator']);
      const staff = (await staffMessages(http, session.id)).map((m) => m.role);
      expect(staff).toEqual(['customer', 'agent', 'whisper', 'context', 'operator']);
      expect(JSON.stringify(theirs.body)).not.toContain('be kind');
      expect(JSON.stringify(theirs.body)).not.toContain('VIP customer');
    });

    it('gets 404 on another session, and 403 on staff-only routes', async () => {
      const agent = await createAgent(http);
      const mine = await createSession(http, agent.id);
      const other = await createSession(http, agent.id);
      const customer = httpClient(server.url, mine.customerToken);
      for (const path of [`${base}/${other.session.id}`, `${base}/${other.session.id}/messages`]) {
        const res = await customer.get<ErrorResponse>(path);
        expect(res.status).toBe(404);
        expect(res.body.error.code).toBe('not_found');
      }
      const post = await customer.post<ErrorResponse>(`${base}/${other.session.id}/messages`, { content: 'sneaky' });
      expect(post.status).toBe(404);
      expect(await staffMessages(http, other.session.id)).toEqual([]);

      expect((await customer.get<ErrorResponse>(base)).status).toBe(403);
      expect((await customer.post<ErrorResponse>(`${base}/${mine.session.id}/context`, { content: 'x' })).status).toBe(403);
      expect((await customer.patch<ErrorResponse>(`${base}/${mine.session.id}`, { metadata: { a: 1 } })).status).toBe(403);
      expect((await httpClient(server.url, 'cst_forged_token_value').get<ErrorResponse>(`${base}/${mine.session.id}`)).status).toBe(401);
    });
  });
});
