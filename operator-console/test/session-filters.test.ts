import { appendPage, applySessionChange, filtersToQuery, matchesFilters, parseFilters, sortSessions } from '../src/lib/session-filters';
import { makeSession } from './factories';

describe('parseFilters / filtersToQuery', () => {
  it('reads the bookmarked query and writes it back in a stable order', () => {
    const filters = parseFilters('?helpRequested=true&status=active&customerId=%20bob%20');
    expect(filters).toEqual({ status: 'active', helpRequested: true, customerIdPrefix: 'bob' });
    expect(filtersToQuery(filters)).toBe('?status=active&customerId=bob&helpRequested=true');
  });

  it('drops unknown values instead of sending them to the server', () => {
    expect(parseFilters('?status=weird&mode=robot&helpRequested=yes&agentId=')).toEqual({});
  });

  it('keeps helpRequested=false and assignedTo=none', () => {
    const filters = parseFilters(new URLSearchParams('helpRequested=false&assignedTo=none&mode=support'));
    expect(filters).toEqual({ helpRequested: false, assignedTo: 'none', mode: 'support' });
    expect(parseFilters(filtersToQuery(filters))).toEqual(filters);
  });

  it('reads and writes a message search', () => {
    expect(parseFilters('?q=%20ORD-4711%20')).toEqual({ q: 'ORD-4711' });
    expect(filtersToQuery({ q: 'late parcel', status: 'active' })).toBe('?status=active&q=late+parcel');
  });

  it('reads and writes awaitingReply', () => {
    expect(parseFilters('?awaitingReply=true')).toEqual({ awaitingReply: true });
    expect(filtersToQuery({ awaitingReply: true, mode: 'support' })).toBe('?mode=support&awaitingReply=true');
    expect(parseFilters('?awaitingReply=soon')).toEqual({});
  });

  it('reads and writes approvalPending and fieldsComplete', () => {
    expect(parseFilters('?approvalPending=true&fieldsComplete=false')).toEqual({ approvalPending: true, fieldsComplete: false });
    expect(filtersToQuery({ fieldsComplete: true, approvalPending: true })).toBe('?approvalPending=true&fieldsComplete=true');
    expect(parseFilters('?approvalPending=yes')).toEqual({});
  });

  it('writes nothing for no filters', () => {
    expect(filtersToQuery({})).toBe('');
  });
});

describe('matchesFilters with approvals and lead fields', () => {
  it('keeps sessions waiting for an approval, or with complete fields, as asked', () => {
    const waiting = makeSession({ approvalPending: true, fieldsComplete: false });
    expect(matchesFilters(waiting, { approvalPending: true })).toBe(true);
    expect(matchesFilters(waiting, { approvalPending: false })).toBe(false);
    expect(matchesFilters(waiting, { fieldsComplete: true })).toBe(false);
    expect(matchesFilters({ ...waiting, approvalPending: false }, { approvalPending: true })).toBe(false);
  });
});

describe('matchesFilters', () => {
  const s = makeSession({ status: 'active', mode: 'support', helpRequested: true, customerId: 'c9', assignedTo: 'op1', lastMessageFrom: 'customer' });
  it.each([
    [{}, true],
    [{ status: 'active' as const }, true],
    [{ status: 'closed' as const }, false],
    [{ mode: 'ai' as const }, false],
    [{ helpRequested: true }, true],
    [{ helpRequested: false }, false],
    [{ customerId: 'c9' }, true],
    [{ customerId: 'c1' }, false],
    [{ assignedTo: 'op1' }, true],
    [{ assignedTo: 'none' }, false],
    [{ agentId: 'b'.repeat(24) }, false],
    [{ awaitingReply: true }, true],
    [{ awaitingReply: false }, false],
  ])('%j → %s', (filters, expected) => {
    expect(matchesFilters(s, filters)).toBe(expected);
  });

  it('assignedTo=none matches unassigned sessions', () => {
    expect(matchesFilters(makeSession({ assignedTo: null }), { assignedTo: 'none' })).toBe(true);
  });
});

describe('applySessionChange', () => {
  const older = makeSession({ lastMessageAt: '2026-01-01T10:00:00.000Z' });
  const newer = makeSession({ lastMessageAt: '2026-01-01T11:00:00.000Z' });

  it('inserts a new matching session by last activity', () => {
    const fresh = makeSession({ lastMessageAt: '2026-01-01T12:00:00.000Z' });
    expect(applySessionChange([newer, older], fresh, {}).map((s) => s.id)).toEqual([fresh.id, newer.id, older.id]);
  });

  it('removes a session that no longer matches (closed under status=active)', () => {
    const closed = { ...older, status: 'closed' as const, updatedAt: '2026-01-01T12:00:00.000Z' };
    expect(applySessionChange([newer, older], closed, { status: 'active' })).toEqual([newer]);
  });

  it('replaces in place and moves a session up when it gets a message', () => {
    const bumped = { ...older, lastMessageAt: '2026-01-01T12:00:00.000Z', updatedAt: '2026-01-01T12:00:00.000Z' };
    const list = applySessionChange([newer, older], bumped, {});
    expect(list.map((s) => s.id)).toEqual([older.id, newer.id]);
    expect(list[0]).toBe(bumped);
  });

  it('ignores an update older than what it shows', () => {
    const current = { ...older, updatedAt: '2026-01-01T12:00:00.000Z', mode: 'support' as const };
    const stale = { ...older, updatedAt: '2026-01-01T11:00:00.000Z', mode: 'ai' as const };
    expect(applySessionChange([current], stale, {})).toEqual([current]);
  });

  it('returns the same list when a non-matching session was not shown', () => {
    const list = [newer];
    expect(applySessionChange(list, makeSession({ status: 'closed' }), { status: 'active' })).toBe(list);
  });
});

describe('appendPage', () => {
  it('skips sessions already shown (a live insert can overlap the next page)', () => {
    const a = makeSession({ lastMessageAt: '2026-01-01T12:00:00.000Z' });
    const b = makeSession({ lastMessageAt: '2026-01-01T11:00:00.000Z' });
    expect(appendPage([a], [a, b]).map((s) => s.id)).toEqual([a.id, b.id]);
  });
});

describe('applySessionChange under a message search', () => {
  it('updates the sessions the server found and adds none (only it can tell what matches)', () => {
    const found = makeSession({ lastMessageAt: '2026-01-01T10:00:00.000Z' });
    const list = [found];
    expect(applySessionChange(list, makeSession(), { q: 'parcel' })).toBe(list);
    const later = { ...found, lastSeq: 3, updatedAt: '2026-01-01T11:00:00.000Z' };
    expect(applySessionChange(list, later, { q: 'parcel' })).toEqual([later]);
  });
});

describe('the inbox order (order=waiting)', () => {
  const asked = (at: string) => makeSession({ helpRequested: true, helpRequestedAt: at, lastMessageAt: '2026-01-01T12:00:00.000Z' });
  const early = asked('2026-01-01T10:00:00.000Z');
  const late = asked('2026-01-01T11:00:00.000Z');

  it('reads and writes it', () => {
    expect(parseFilters('?helpRequested=true&order=waiting')).toEqual({ helpRequested: true, order: 'waiting' });
    expect(parseFilters('?order=sideways')).toEqual({});
    expect(filtersToQuery({ order: 'waiting', helpRequested: true })).toBe('?helpRequested=true&order=waiting');
  });

  it('keeps the longest waiting first, and only open requests', () => {
    expect(sortSessions([late, early], { order: 'waiting' }).map((s) => s.id)).toEqual([early.id, late.id]);
    const middle = asked('2026-01-01T10:30:00.000Z');
    expect(applySessionChange([early, late], middle, { order: 'waiting' }).map((s) => s.id)).toEqual([early.id, middle.id, late.id]);
    expect(appendPage([early], [late], { order: 'waiting' }).map((s) => s.id)).toEqual([early.id, late.id]);
    const resolved = { ...early, helpRequested: false, helpRequestedAt: null, updatedAt: '2026-01-01T13:00:00.000Z' };
    expect(applySessionChange([early, late], resolved, { order: 'waiting' }).map((s) => s.id)).toEqual([late.id]);
    expect(matchesFilters(makeSession(), { order: 'waiting' })).toBe(false);
  });
});

describe('the channel filter', () => {
  it('reads and writes ?channel=, drops a name the server would refuse, and keeps a live list to that channel', () => {
    expect(parseFilters('?channel=sms')).toEqual({ channel: 'sms' });
    expect(filtersToQuery({ channel: 'whatsapp', status: 'active' })).toBe('?status=active&channel=whatsapp');
    expect(parseFilters('?channel=SMS')).toEqual({});
    const sms = makeSession({ channel: 'sms' });
    const web = makeSession({ channel: 'web' });
    expect(matchesFilters(sms, { channel: 'sms' })).toBe(true);
    expect(matchesFilters(web, { channel: 'sms' })).toBe(false);
    expect(applySessionChange([sms], web, { channel: 'sms' }).map((s) => s.id)).toEqual([sms.id]);
  });
});
