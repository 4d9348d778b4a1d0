import type { MessageDto, ToolCallDto } from '../../contract/types';
import { contiguousText, emptyThread, highestSeq, threadReducer, type ThreadAction, type ThreadState } from '../thread';

let nextSeq = 1;
function message(overrides: Partial<MessageDto> = {}): MessageDto {
  const seq = overrides.seq ?? nextSeq++;
  return { id: `m${seq}`, sessionId: 's1', seq, role: 'agent', content: `message ${seq}`, status: 'complete', createdAt: '2026-01-01T10:00:00.000Z', ...overrides };
}
function toolMessage(status: ToolCallDto['status'], extra: Partial<ToolCallDto> = {}): MessageDto {
  const toolCall: ToolCallDto = {
    toolCallId: 'call_1', name: 'refund_order', arguments: { orderId: '1234' }, status, approval: 'always', result: null, durationMs: null,
    decidedBy: null, reason: null, expiresAt: '2026-01-01T10:05:00.000Z', progressLabel: null, source: 'http', ...extra,
  };
  return { id: 't', sessionId: 's1', seq: 3, role: 'tool', content: 'refund_order', createdAt: '2026-01-01T10:00:00.000Z', toolCall };
}

const run = (actions: ThreadAction[], from: ThreadState = emptyThread): ThreadState => actions.reduce(threadReducer, from);
const ids = (s: ThreadState): string[] => s.messages.map((m) => m.id);
const at = '2026-01-01T10:00:01.000Z';
const start = (messageId = 'r', seq = 2): ThreadAction => ({ type: 'stream:start', payload: { sessionId: 's1', messageId, seq }, at });
const delta = (index: number, text: string, messageId = 'r'): ThreadAction => ({ type: 'stream:delta', payload: { sessionId: 's1', messageId, index, text } });
const end = (final: MessageDto): ThreadAction => ({ type: 'stream:end', payload: { sessionId: 's1', messageId: final.id, status: final.status ?? 'complete', message: final } });
const merge = (...messages: MessageDto[]): ThreadAction => ({ type: 'merge', messages });

describe('thread reducer: merging stored messages', () => {
  it('orders by seq whatever the arrival order (a catch-up after a reconnect lands anywhere)', () => {
    const s = run([merge(message({ seq: 3 }), message({ seq: 1 })), merge(message({ seq: 2 }))]);
    expect(ids(s)).toEqual(['m1', 'm2', 'm3']);
    expect(highestSeq(s.messages)).toBe(3);
  });

  it('keeps each id once when a snapshot, a catch-up and a live event overlap', () => {
    const a = message({ seq: 1 });
    const b = message({ seq: 2 });
    const s = run([merge(a, b), merge(b), merge(a, b, message({ seq: 3 }))]);
    expect(ids(s)).toEqual(['m1', 'm2', 'm3']);
  });

  it('returns the same state object when nothing changed', () => {
    const s = run([merge(message({ seq: 1 }))]);
    expect(threadReducer(s, merge())).toBe(s);
    expect(threadReducer(s, delta(0, 'late', 'm1'))).toBe(s);
  });

  it('highestSeq is 0 for an empty thread', () => {
    expect(highestSeq(emptyThread.messages)).toBe(0);
  });

  it('reset empties the thread', () => {
    expect(run([merge(message()), start(), { type: 'reset' }])).toEqual(emptyThread);
  });

  // The console treated a message without `status` as not final, so a stale streaming copy
  // could replace it; by SPEC §1 only agent messages carry a status: no status is complete.
  it('a message without status is complete: no streaming copy replaces it, and late deltas are dropped', () => {
    const customer = message({ id: 'c', seq: 1, role: 'customer', content: 'hi', status: undefined });
    const s = run([merge(customer), merge({ ...customer, status: 'streaming', content: 'h' }), delta(0, 'x', 'c')]);
    expect(s.messages).toEqual([customer]);
    expect(s.chunks).toEqual({});
  });
});

describe('thread reducer: streaming', () => {
  it('streams a reply delta by delta, then settles on the stored final message', () => {
    let s = run([start(), delta(0, 'Hel'), delta(1, 'lo')]);
    expect(s.messages[0]).toMatchObject({ id: 'r', role: 'agent', content: 'Hello', status: 'streaming', createdAt: at });
    const final = message({ id: 'r', seq: 2, content: 'Hello!', status: 'complete' });
    s = run([end(final)], s);
    expect(s.messages).toEqual([final]);
    expect(s.chunks).toEqual({});
  });

  it('places the streaming reply by its seq among other messages', () => {
    const s = run([merge(message({ seq: 1 }), message({ seq: 3 })), start('r', 2)]);
    expect(ids(s)).toEqual(['m1', 'r', 'm3']);
  });

  it('puts a reordered delta in its place and stops at a gap until it is filled', () => {
    let s = run([start(), delta(0, 'a'), delta(2, 'c')]);
    expect(s.messages[0].content).toBe('a');
    s = run([delta(1, 'b')], s);
    expect(s.messages[0].content).toBe('abc');
  });

  // The widget joined the deltas around a hole ("Hel" + " there"); the gap now stops the text.
  it('a missing delta is never skipped over: the text waits at the gap and stream:end fills it', () => {
    let s = run([start(), delta(0, 'Hel'), delta(2, ' there')]);
    expect(s.messages[0].content).toBe('Hel');
    s = run([end(message({ id: 'r', seq: 2, content: 'Hello there' }))], s);
    expect(s.messages[0].content).toBe('Hello there');
  });

  it('a missing first delta shows nothing yet rather than the middle of the reply', () => {
    const s = run([start(), delta(1, 'lo')]);
    expect(s.messages[0].content).toBe('');
  });

  it('never doubles a repeated delta (the first copy stays)', () => {
    const s = run([start(), delta(0, 'a'), delta(0, 'a'), delta(1, 'b'), delta(1, 'XX'), delta(0, 'YY')]);
    expect(s.messages[0].content).toBe('ab');
  });

  it('a repeated stream:start does not reset the reply', () => {
    const s = run([start(), delta(0, 'A'), start()]);
    expect(s.messages).toHaveLength(1);
    expect(s.messages[0].content).toBe('A');
  });

  it('holds deltas that arrive before stream:start', () => {
    const s = run([delta(0, 'early '), start(), delta(1, 'bird')]);
    expect(s.messages[0].content).toBe('early bird');
  });

  it('ends right when stream:start and every delta were missed', () => {
    const final = message({ id: 'r9', seq: 9, content: 'Whole reply' });
    expect(run([end(final)]).messages).toEqual([final]);
  });

  it('a stream that ends without any delta settles on the stored (empty) message', () => {
    const final = message({ id: 'r', seq: 2, content: '', status: 'interrupted' });
    const s = run([start(), end(final)]);
    expect(s.messages).toEqual([final]);
  });

  it('an error mid-stream ends the reply as failed with the stored text, and stragglers are ignored', () => {
    const failed = message({ id: 'r', seq: 2, content: 'Let me ch', status: 'failed' });
    const s = run([start(), delta(0, 'Let me '), delta(1, 'ch'), end(failed), delta(2, 'eck')]);
    expect(s.messages).toEqual([failed]);
    expect(s.chunks).toEqual({});
  });

  it('the stream:end status is the final word', () => {
    const stored = message({ id: 'r', seq: 2, content: 'Cut', status: 'complete' });
    const s = run([start(), { type: 'stream:end', payload: { sessionId: 's1', messageId: 'r', status: 'interrupted', message: stored } }]);
    expect(s.messages[0].status).toBe('interrupted');
  });

  it('never lets a late delta or a stale streaming copy regress a finished reply', () => {
    const final = message({ id: 'r', seq: 2, content: 'Done.', status: 'interrupted' });
    const s = run([start(), delta(0, 'Do'), end(final), delta(1, 'ne'), merge({ ...final, status: 'streaming', content: 'Do' })]);
    expect(s.messages).toEqual([final]);
  });

  it('joined mid-stream: shows the stored text plus what arrives after', () => {
    const partial = message({ id: 'r', seq: 3, content: 'Par', status: 'streaming' });
    const s = run([merge(partial), delta(4, 'tial')]);
    expect(s.messages[0].content).toBe('Partial');
  });

  it('after a reconnect the stored copy wins over fewer deltas seen, and the text never shrinks', () => {
    let s = run([start(), delta(0, 'Hel')]);
    s = run([merge(message({ id: 'r', seq: 2, content: 'Hello wor', status: 'streaming' }))], s);
    expect(s.messages[0].content).toBe('Hello wor');
    s = run([merge(message({ id: 'r', seq: 2, content: 'Hello', status: 'streaming' })), delta(5, 'ld')], s);
    expect(s.messages[0].content).toBe('Hello wor');
  });
});

describe('thread reducer: progress labels (a tool running during a reply)', () => {
  it('sets a label on a streaming reply and clears it with null or when the reply ends', () => {
    const label = (value: string | null): ThreadAction => ({ type: 'stream:status', payload: { messageId: 'r', label: value } });
    let s = run([start(), label('Checking your order…')]);
    expect(s.labels).toEqual({ r: 'Checking your order…' });
    expect(run([label(null)], s).labels).toEqual({});
    s = run([end(message({ id: 'r', seq: 2, content: 'Shipped.' }))], s);
    expect(s.labels).toEqual({});
    expect(run([label('late')], s)).toBe(s);
  });
});

describe('thread reducer: tool calls (message:updated)', () => {
  it('updates a tool call in place as its status moves on', () => {
    let s = run([merge(message({ id: 'c', seq: 2 }), toolMessage('pending_approval'))]);
    s = run([merge(toolMessage('running', { decidedBy: { id: 'op', name: 'Ann' } }))], s);
    expect(ids(s)).toEqual(['c', 't']);
    expect(s.messages[1].toolCall).toMatchObject({ status: 'running', decidedBy: { name: 'Ann' } });
    s = run([merge(toolMessage('succeeded', { result: '{"ok":true}', durationMs: 120 }))], s);
    expect(s.messages[1].toolCall).toMatchObject({ status: 'succeeded', result: '{"ok":true}', durationMs: 120 });
  });

  it('never takes a call back to an earlier status (a stale copy from a join or catch-up)', () => {
    const settled = run([merge(toolMessage('pending_approval')), merge(toolMessage('denied', { reason: 'no' }))]);
    expect(run([merge(toolMessage('pending_approval'))], settled).messages[0].toolCall?.status).toBe('denied');
    expect(run([merge(toolMessage('running'))], settled).messages[0].toolCall?.status).toBe('denied');
    expect(run([merge(toolMessage('succeeded'))], settled).messages[0].toolCall?.status).toBe('denied');
    const running = run([merge(toolMessage('running'))]);
    expect(run([merge(toolMessage('pending_approval'))], running).messages[0].toolCall?.status).toBe('running');
  });
});

describe('contiguousText', () => {
  it('reports whether the text starts at index 0 and stops at the first gap', () => {
    expect(contiguousText(['a', 'b'])).toEqual({ text: 'ab', fromStart: true });
    const sparse: string[] = [];
    sparse[2] = 'c';
    sparse[3] = 'd';
    sparse[5] = 'f';
    expect(contiguousText(sparse)).toEqual({ text: 'cd', fromStart: false });
    expect(contiguousText(undefined)).toEqual({ text: '', fromStart: false });
  });
});
