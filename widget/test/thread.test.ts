import type { MessageDto } from '../../shared/src/index';
import { displayText, emptyThread, lastSeq, threadReducer, type PendingMessage, type ThreadAction, type ThreadState } from '../src/lib/thread';

let nextSeq = 1;
function message(overrides: Partial<MessageDto> = {}): MessageDto {
  const seq = overrides.seq ?? nextSeq++;
  return {
    id: `m${seq}`,
    sessionId: 's1',
    seq,
    role: 'agent',
    content: `message ${seq}`,
    status: 'complete',
    createdAt: '2026-01-01T10:00:00.000Z',
    ...overrides,
  };
}

function pending(overrides: Partial<PendingMessage> = {}): PendingMessage {
  return { clientMessageId: 'c1', content: 'hello', createdAt: '2026-01-01T10:00:00.000Z', state: 'sending', ...overrides };
}

const run = (actions: ThreadAction[], from: ThreadState = emptyThread): ThreadState => actions.reduce(threadReducer, from);
const ids = (s: ThreadState): string[] => s.messages.map((m) => m.id);

describe('thread reducer: merging messages', () => {
  it('orders by seq whatever the arrival order', () => {
    const s = run([{ type: 'merge', messages: [message({ seq: 3 }), message({ seq: 1 })] }, { type: 'merge', messages: [message({ seq: 2 })] }]);
    expect(ids(s)).toEqual(['m1', 'm2', 'm3']);
    expect(lastSeq(s)).toBe(3);
  });

  it('keeps each id once when the snapshot, a catch-up and a live event overlap', () => {
    const a = message({ seq: 1 });
    const b = message({ seq: 2 });
    const s = run([
      { type: 'merge', messages: [a, b] },
      { type: 'merge', messages: [b] },
      { type: 'merge', messages: [a, b, message({ seq: 3 })] },
    ]);
    expect(ids(s)).toEqual(['m1', 'm2', 'm3']);
  });

  it('returns the same state object when nothing changed', () => {
    const s = run([{ type: 'merge', messages: [message({ seq: 1 })] }]);
    expect(threadReducer(s, { type: 'merge', messages: [] })).toBe(s);
  });

  it('lastSeq is 0 for an empty thread', () => {
    expect(lastSeq(emptyThread)).toBe(0);
  });
});

describe('thread reducer: streaming', () => {
  const start: ThreadAction = { type: 'stream:start', messageId: 'r1', sessionId: 's1', seq: 2, at: '2026-01-01T10:00:01.000Z' };
  const delta = (index: number, text: string): ThreadAction => ({ type: 'stream:delta', messageId: 'r1', index, text });

  it('appends deltas in index order, ignoring duplicates and reorders', () => {
    const s = run([start, delta(0, 'Hel'), delta(2, ' there'), delta(1, 'lo'), delta(1, 'XX'), delta(0, 'YY')]);
    expect(displayText(s, s.messages[0])).toBe('Hello there');
    expect(s.messages[0].status).toBe('streaming');
  });

  it('places the streaming reply by its seq among other messages', () => {
    const s = run([{ type: 'merge', messages: [message({ seq: 1 }), message({ seq: 3 })] }, start]);
    expect(ids(s)).toEqual(['m1', 'r1', 'm3']);
  });

  it('replaces the streamed text with the final stored message on stream:end', () => {
    const final = message({ id: 'r1', seq: 2, content: 'Hello there!', status: 'complete' });
    const s = run([start, delta(0, 'Hel'), { type: 'stream:end', message: final }]);
    expect(s.messages).toEqual([final]);
    expect(displayText(s, s.messages[0])).toBe('Hello there!');
    expect(s.chunks.r1).toBeUndefined();
  });

  it('ignores deltas that arrive after the end, and a stale streaming copy of a final message', () => {
    const final = message({ id: 'r1', seq: 2, content: 'Done', status: 'interrupted' });
    const s = run([start, { type: 'stream:end', message: final }, delta(5, 'late'), { type: 'merge', messages: [{ ...final, status: 'streaming', content: 'Do' }] }]);
    expect(s.messages).toEqual([final]);
    expect(displayText(s, s.messages[0])).toBe('Done');
  });

  it('ends right even when stream:start and every delta were missed', () => {
    const final = message({ id: 'r9', seq: 9, content: 'Whole reply' });
    const s = run([{ type: 'stream:end', message: final }]);
    expect(displayText(s, s.messages[0])).toBe('Whole reply');
  });

  it('keeps buffered deltas that arrive before stream:start', () => {
    const s = run([delta(0, 'Hi'), start]);
    expect(displayText(s, s.messages[0])).toBe('Hi');
  });

  it('prefers the snapshot text over fewer deltas seen after a reconnect', () => {
    const partial = message({ id: 'r1', seq: 2, content: 'Hello wor', status: 'streaming' });
    const s = run([{ type: 'merge', messages: [partial] }, delta(7, 'ld')]);
    expect(displayText(s, s.messages[0])).toBe('Hello wor');
  });

  it('a repeated stream:start does not reset the message', () => {
    const s = run([start, delta(0, 'A'), start]);
    expect(s.messages).toHaveLength(1);
    expect(displayText(s, s.messages[0])).toBe('A');
  });
});

describe('thread reducer: pending sends', () => {
  it('adds a pending message once', () => {
    const s = run([{ type: 'send', pending: pending() }, { type: 'send', pending: pending() }]);
    expect(s.pending).toHaveLength(1);
  });

  it('drops the pending copy when acked and keeps the server message', () => {
    const stored = message({ role: 'customer', seq: 4, content: 'hello' });
    const s = run([{ type: 'send', pending: pending() }, { type: 'send:acked', clientMessageId: 'c1', message: stored }]);
    expect(s.pending).toEqual([]);
    expect(s.messages).toEqual([{ ...stored, clientMessageId: 'c1' }]);
  });

  it('drops the pending copy when the broadcast (with clientMessageId) beats the ack', () => {
    const stored = message({ role: 'customer', seq: 4, clientMessageId: 'c1' });
    const s = run([
      { type: 'send', pending: pending() },
      { type: 'merge', messages: [stored] },
      { type: 'send:acked', clientMessageId: 'c1', message: stored },
    ]);
    expect(s.pending).toEqual([]);
    expect(ids(s)).toEqual([stored.id]);
  });

  it('records errors and can flip a failed message back to sending', () => {
    const error = { code: 'message_too_large' as const, message: 'too long' };
    let s = run([{ type: 'send', pending: pending() }, { type: 'send:error', clientMessageId: 'c1', state: 'failed', error }]);
    expect(s.pending[0]).toMatchObject({ state: 'failed', error });
    s = threadReducer(s, { type: 'send:error', clientMessageId: 'c1', state: 'sending' });
    expect(s.pending[0].state).toBe('sending');
    expect(s.pending[0].error).toBeUndefined();
  });

  it('reset clears messages but can carry the outbox over', () => {
    const s = run([{ type: 'merge', messages: [message()] }, { type: 'send', pending: pending() }]);
    const reset = threadReducer(s, { type: 'reset', pending: s.pending });
    expect(reset.messages).toEqual([]);
    expect(reset.pending).toEqual(s.pending);
  });
});

describe('progress labels (a tool running during a reply)', () => {
  const start = { type: 'stream:start', messageId: 'r1', sessionId: 's', seq: 2, at: '2026-01-01T00:00:00.000Z' } as const;
  it('sets a label on a streaming reply and clears it with null or when the reply ends', () => {
    let s = threadReducer(threadReducer(emptyThread, start), { type: 'stream:status', messageId: 'r1', label: 'Checking your order…' });
    expect(s.labels).toEqual({ r1: 'Checking your order…' });
    expect(threadReducer(s, { type: 'stream:status', messageId: 'r1', label: null }).labels).toEqual({});
    s = threadReducer(s, { type: 'stream:end', message: { id: 'r1', sessionId: 's', seq: 2, role: 'agent', content: 'Shipped.', status: 'complete', createdAt: '2026-01-01T00:00:00.000Z' } });
    expect(s.labels).toEqual({});
  });
});
