import { describe, expect, it } from '@jest/globals';
import type { MessageDto } from '../../../../../shared/src/contract/types';
import { HistoryCache, HISTORY_WINDOW } from '../history-cache';

const SESSION = 'aaaaaaaaaaaaaaaaaaaaaaaa';
const msg = (seq: number, over: Partial<MessageDto> = {}): MessageDto =>
  ({ id: `m${seq}`, sessionId: SESSION, seq, role: seq % 2 ? 'customer' : 'agent', content: `text ${seq}`, status: seq % 2 ? undefined : 'complete', createdAt: new Date(0).toISOString(), ...over }) as MessageDto;
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => msg(from + i));

describe('HistoryCache', () => {
  it('serves a session only at the seq counter it is complete up to: a write anywhere else moves the counter first', () => {
    const cache = new HistoryCache();
    cache.fill(SESSION, range(1, 4));
    expect(cache.take(SESSION, 4)?.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
    // Another process stored seq 5: the turn's update returns 5 as the counter before it.
    expect(cache.take(SESSION, 5)).toBeNull();
  });

  it("answers a session's first turn without a read (a counter at 0: nothing written anywhere), and its messages extend that entry", () => {
    const cache = new HistoryCache();
    expect(cache.take(SESSION, 0)).toEqual([]);
    cache.appended(msg(1));
    cache.appended(msg(2, { status: 'streaming', content: '' }));
    expect(cache.take(SESSION, 2)).toBeNull(); // the reply still streams
    cache.replaced(msg(2, { status: 'complete', content: 'hello' }));
    expect(cache.take(SESSION, 2)?.map((m) => m.content)).toEqual(['text 1', 'hello']);
    // Somebody else wrote seq 3 meanwhile: the next turn's counter says so, and the cache steps aside.
    expect(cache.take(SESSION, 3)).toBeNull();
  });

  it('keeps nothing read with a hole in it (a seq taken by a write still on its way)', () => {
    const cache = new HistoryCache();
    cache.fill(SESSION, [msg(1), msg(2), msg(4)]);
    expect(cache.take(SESSION, 4)).toBeNull();
    // Not reaching back to the first message and not filling the window: older ones may be missing.
    cache.fill(SESSION, range(3, 6));
    expect(cache.take(SESSION, 6)).toBeNull();
    cache.fill(SESSION, range(10, 10 + HISTORY_WINDOW - 1));
    expect(cache.take(SESSION, 10 + HISTORY_WINDOW - 1)).toHaveLength(HISTORY_WINDOW);
  });

  it('never serves an entry holding a message somebody may still change (a streaming or interrupted reply, a running tool call)', () => {
    const cache = new HistoryCache();
    cache.fill(SESSION, [msg(1), msg(2, { status: 'streaming', content: '' })]);
    expect(cache.take(SESSION, 2)).toBeNull();
    cache.replaced(msg(2, { status: 'complete', content: 'final' }));
    expect(cache.take(SESSION, 2)?.at(-1)?.content).toBe('final');
    cache.replaced(msg(2, { status: 'interrupted' }));
    expect(cache.take(SESSION, 2)).toBeNull();
    cache.fill(SESSION, [msg(1), msg(2, { role: 'tool', status: undefined, toolCall: { status: 'running' } as MessageDto['toolCall'] })]);
    expect(cache.take(SESSION, 2)).toBeNull();
  });

  it('grows with the messages this process stores in order, and forgets the session at a gap', () => {
    const cache = new HistoryCache();
    cache.fill(SESSION, range(1, 2));
    cache.appended(msg(3));
    expect(cache.take(SESSION, 3)).toHaveLength(3);
    cache.appended(msg(5));
    expect(cache.take(SESSION, 5)).toBeNull();
    cache.appended(msg(6));
    expect(cache.take(SESSION, 6)).toBeNull();
  });

  it('holds at most the window', () => {
    const cache = new HistoryCache();
    cache.fill(SESSION, range(1, HISTORY_WINDOW));
    cache.appended(msg(HISTORY_WINDOW + 1));
    const held = cache.take(SESSION, HISTORY_WINDOW + 1);
    expect(held).toHaveLength(HISTORY_WINDOW);
    expect(held?.[0]?.seq).toBe(2);
  });
});
