// The merge and streaming cases of the widget's old reducer now run against the shared one
// (shared/src/protocol/test/thread.test.ts); what stays here is the outbox the widget adds.
import type { MessageDto } from '../../shared/src/index';
import { emptyWidgetThread, widgetThreadReducer, type PendingMessage, type WidgetThread, type WidgetThreadAction } from '../src/lib/widget-thread';

let nextSeq = 1;
function message(overrides: Partial<MessageDto> = {}): MessageDto {
  const seq = overrides.seq ?? nextSeq++;
  return { id: `m${seq}`, sessionId: 's1', seq, role: 'agent', content: `message ${seq}`, status: 'complete', createdAt: '2026-01-01T10:00:00.000Z', ...overrides };
}

function pending(overrides: Partial<PendingMessage> = {}): PendingMessage {
  return { clientMessageId: 'c1', content: 'hello', createdAt: '2026-01-01T10:00:00.000Z', state: 'sending', ...overrides };
}

const run = (actions: WidgetThreadAction[], from: WidgetThread = emptyWidgetThread): WidgetThread => actions.reduce(widgetThreadReducer, from);
const ids = (s: WidgetThread): string[] => s.messages.map((m) => m.id);

describe('widget thread: pending sends on top of the shared thread', () => {
  it('adds a pending message once', () => {
    const s = run([{ type: 'send', pending: pending() }, { type: 'send', pending: pending() }]);
    expect(s.pending).toHaveLength(1);
  });

  it('drops the pending copy when acked and keeps the server message', () => {
    const stored = message({ role: 'customer', seq: 4, content: 'hello', status: undefined });
    const s = run([{ type: 'send', pending: pending() }, { type: 'send:acked', clientMessageId: 'c1', message: stored }]);
    expect(s.pending).toEqual([]);
    expect(s.messages).toEqual([{ ...stored, clientMessageId: 'c1' }]);
  });

  it('drops the pending copy when the broadcast (with clientMessageId) beats the ack', () => {
    const stored = message({ role: 'customer', seq: 4, clientMessageId: 'c1', status: undefined });
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
    s = widgetThreadReducer(s, { type: 'send:error', clientMessageId: 'c1', state: 'sending' });
    expect(s.pending[0].state).toBe('sending');
    expect(s.pending[0].error).toBeUndefined();
  });

  it('reset clears messages but can carry the outbox over', () => {
    const s = run([{ type: 'merge', messages: [message()] }, { type: 'send', pending: pending() }]);
    const reset = widgetThreadReducer(s, { type: 'reset', pending: s.pending });
    expect(reset.messages).toEqual([]);
    expect(reset.pending).toEqual(s.pending);
  });

  it('passes stream events to the shared reducer and keeps the outbox through them', () => {
    const start: WidgetThreadAction = { type: 'stream:start', payload: { sessionId: 's1', messageId: 'r1', seq: 2 }, at: '2026-01-01T10:00:01.000Z' };
    const s = run([{ type: 'send', pending: pending() }, start, { type: 'stream:delta', payload: { sessionId: 's1', messageId: 'r1', index: 0, text: 'Hi' } }]);
    expect(s.messages[0]).toMatchObject({ id: 'r1', content: 'Hi', status: 'streaming' });
    expect(s.pending).toHaveLength(1);
  });

  it('returns the same state object when nothing changed', () => {
    const s = run([{ type: 'send', pending: pending() }]);
    expect(widgetThreadReducer(s, { type: 'merge', messages: [] })).toBe(s);
    expect(widgetThreadReducer(s, { type: 'send:error', clientMessageId: 'unknown', state: 'failed' })).toBe(s);
  });
});
