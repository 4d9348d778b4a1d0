/**
 * Wires the `/widget` server events into the controller's state. One small handler per event;
 * the thread reducer does the merging, this file only decides what else changes (typing,
 * unread, the call card, the session banner).
 */
import type { WidgetSessionSnapshot } from '../../../shared/src/events';
import type { MessageDto } from '../../../shared/src/index';
import type { Connection } from './socket';
import type { Store } from './store';
import type { WidgetState } from './widget-state';
import type { WidgetThreadAction } from './widget-thread';

/**
 * What the server events drive: the chat controller, seen through the few members used here
 * (so this file does not import the controller, which imports it).
 */
export interface ServerEventTarget {
  readonly store: Store<WidgetState>;
  dispatch(action: WidgetThreadAction): void;
  announce(message: MessageDto): void;
  onSnapshot(snapshot: WidgetSessionSnapshot): void;
}

/** A typing indicator that is never switched off (a lost event) disappears after this. */
export const TYPING_TIMEOUT_MS = 30_000;

export function bindServerEvents(connection: Connection, controller: ServerEventTarget): void {
  const { store } = controller;
  let typingTimer: ReturnType<typeof setTimeout> | undefined;
  const clearTypingLater = (): void => {
    clearTimeout(typingTimer);
    typingTimer = setTimeout(() => store.set({ typing: { agent: null, operator: null } }), TYPING_TIMEOUT_MS);
  };

  connection.on('session', (snapshot) => controller.onSnapshot(snapshot));

  connection.on('message', (message) => {
    controller.dispatch({ type: 'merge', messages: [message] });
    const typing = store.get().typing;
    if (message.role === 'operator' && typing.operator) store.set({ typing: { ...typing, operator: null } });
    if (message.role === 'agent' && typing.agent) store.set({ typing: { ...typing, agent: null } });
    controller.announce(message);
  });

  connection.on('stream:start', ({ messageId, sessionId, seq }) => {
    controller.dispatch({ type: 'stream:start', payload: { messageId, sessionId, seq }, at: new Date().toISOString() });
    store.set((s) => ({ typing: { ...s.typing, agent: null } }));
  });

  connection.on('stream:delta', (payload) => controller.dispatch({ type: 'stream:delta', payload }));

  connection.on('stream:status', (payload) => controller.dispatch({ type: 'stream:status', payload }));

  connection.on('stream:end', (payload) => {
    controller.dispatch({ type: 'stream:end', payload });
    controller.announce(payload.message);
  });

  connection.on('session:update', ({ status, mode, helpRequested }) => {
    const session = store.get().session;
    if (!session) return;
    const closed = status === 'closed';
    store.set((s) => ({
      session: { ...session, status, mode, helpRequested },
      typing: closed ? { agent: null, operator: null } : s.typing,
      call: closed ? null : s.call,
    }));
  });

  connection.on('typing', ({ from, active, state, name }) => {
    const typing = store.get().typing;
    if (from === 'agent') {
      const agent = active && state !== 'idle' && state !== 'streaming' ? (state ?? 'typing') : null;
      store.set({ typing: { ...typing, agent } });
    } else if (from === 'operator') {
      store.set({ typing: { ...typing, operator: active ? (name ?? '') : null } });
    }
    if (active) clearTypingLater();
  });

  connection.on('call:offer', ({ callId, reason }) => {
    store.set({ call: { callId, reason, status: 'offered', phone: null } });
  });

  connection.on('call:update', (call) => {
    store.set((s) => ({
      call: { callId: call.id, reason: s.call?.callId === call.id ? s.call.reason : null, status: call.status, phone: call.phone },
    }));
  });
}
