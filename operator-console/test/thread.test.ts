import type { MessageDto, ToolCallDto } from '../../shared/src/dto';
import { contiguousText, emptyThread, highestSeq, threadReducer, type ThreadAction, type ThreadState } from '../src/lib/thread';
import { makeMessage, makeToolMessage } from './factories';

const run = (actions: ThreadAction[], state: ThreadState = emptyThread): ThreadState => actions.reduce(threadReducer, state);
const at = '2026-01-01T10:00:01.000Z';
const start = (messageId: string, seq: number): ThreadAction => ({ type: 'start', payload: { sessionId: 's1', messageId, seq }, at });
const delta = (messageId: string, index: number, text: string): ThreadAction => ({ type: 'delta', payload: { sessionId: 's1', messageId, index, text } });
const end = (message: MessageDto): ThreadAction => ({ type: 'end', payload: { sessionId: 's1', messageId: message.id, status: message.status ?? 'complete', message } });

describe('threadReducer', () => {
  it('merges by id and orders by seq, so a message seen twice shows once', () => {
    const a = makeMessage({ id: 'a', seq: 1 });
    const b = makeMessage({ id: 'b', seq: 2 });
    const state = run([{ type: 'merge', messages: [b] }, { type: 'merge', messages: [a, b] }]);
    expect(state.messages.map((m) => m.id)).toEqual(['a', 'b']);
    expect(highestSeq(state)).toBe(2);
  });

  it('streams a reply delta by delta, then settles on the final message', () => {
    let state = run([start('r', 2), delta('r', 0, 'Hel'), delta('r', 1, 'lo')]);
    expect(state.messages[0]).toMatchObject({ id: 'r', role: 'agent', content: 'Hello', status: 'streaming' });
    state = run([end(makeMessage({ id: 'r', seq: 2, role: 'agent', content: 'Hello!', status: 'complete' }))], state);
    expect(state.messages[0]).toMatchObject({ content: 'Hello!', status: 'complete' });
    expect(state.chunks).toEqual({});
  });

  it('puts a reordered delta in its place and stops at a gap', () => {
    let state = run([start('r', 1), delta('r', 0, 'a'), delta('r', 2, 'c')]);
    expect(state.messages[0].content).toBe('a');
    state = run([delta('r', 1, 'b')], state);
    expect(state.messages[0].content).toBe('abc');
  });

  it('ignores a repeated delta', () => {
    const state = run([start('r', 1), delta('r', 0, 'a'), delta('r', 0, 'a'), delta('r', 1, 'b')]);
    expect(state.messages[0].content).toBe('ab');
  });

  it('holds deltas that arrive before stream:start', () => {
    const state = run([delta('r', 0, 'early '), start('r', 1), delta('r', 1, 'bird')]);
    expect(state.messages[0].content).toBe('early bird');
  });

  it('never lets a late delta or a stale streaming copy regress a finished reply', () => {
    const final = makeMessage({ id: 'r', seq: 1, role: 'agent', content: 'Done.', status: 'interrupted' });
    const state = run([
      start('r', 1),
      delta('r', 0, 'Do'),
      end(final),
      delta('r', 1, 'ne'),
      { type: 'merge', messages: [{ ...final, status: 'streaming', content: 'Do' }] },
    ]);
    expect(state.messages).toEqual([final]);
  });

  it('joined mid-stream: shows the stored text plus what arrives after', () => {
    const partial = makeMessage({ id: 'r', seq: 3, role: 'agent', content: 'Par', status: 'streaming' });
    const state = run([{ type: 'merge', messages: [partial] }, delta('r', 4, 'tial')]);
    expect(state.messages[0].content).toBe('Partial');
  });

  it('reset empties the thread', () => {
    expect(run([{ type: 'merge', messages: [makeMessage()] }, { type: 'reset' }])).toEqual(emptyThread);
  });
});

describe('contiguousText', () => {
  it('reports whether the text starts at index 0', () => {
    expect(contiguousText(['a', 'b'])).toEqual({ text: 'ab', fromStart: true });
    const sparse: string[] = [];
    sparse[2] = 'c';
    sparse[3] = 'd';
    expect(contiguousText(sparse)).toEqual({ text: 'cd', fromStart: false });
    expect(contiguousText(undefined)).toEqual({ text: '', fromStart: false });
  });

  describe('tool calls (message:updated)', () => {
    const pending = makeToolMessage({ status: 'pending_approval' }, { id: 't', seq: 3 });
    const withStatus = (status: ToolCallDto['status'], extra: Partial<ToolCallDto> = {}): MessageDto => ({ ...pending, toolCall: { ...pending.toolCall!, status, ...extra } });

    it('updates a tool call in place as its status moves on', () => {
      let state = run([{ type: 'merge', messages: [makeMessage({ id: 'c', seq: 2 }), pending] }]);
      state = run([{ type: 'updated', message: withStatus('running', { decidedBy: { id: 'op', name: 'Ann' } }) }], state);
      expect(state.messages.map((m) => m.id)).toEqual(['c', 't']);
      expect(state.messages[1].toolCall).toMatchObject({ status: 'running', decidedBy: { name: 'Ann' } });
      state = run([{ type: 'updated', message: withStatus('succeeded', { result: '{"ok":true}', durationMs: 120 }) }], state);
      expect(state.messages[1].toolCall).toMatchObject({ status: 'succeeded', result: '{"ok":true}', durationMs: 120 });
    });

    it('adds a tool call it had not seen', () => {
      const state = run([{ type: 'updated', message: withStatus('running') }]);
      expect(state.messages).toHaveLength(1);
    });

    it('never takes a call back to an earlier status (a stale copy from a join or catch-up)', () => {
      const settled = run([{ type: 'merge', messages: [pending] }, { type: 'updated', message: withStatus('denied', { reason: 'no' }) }]);
      expect(run([{ type: 'merge', messages: [pending] }], settled).messages[0].toolCall?.status).toBe('denied');
      expect(run([{ type: 'updated', message: withStatus('running') }], settled).messages[0].toolCall?.status).toBe('denied');
      expect(run([{ type: 'updated', message: withStatus('succeeded') }], settled).messages[0].toolCall?.status).toBe('denied');
      const running = run([{ type: 'updated', message: withStatus('running') }]);
      expect(run([{ type: 'merge', messages: [pending] }], running).messages[0].toolCall?.status).toBe('running');
    });
  });
});
