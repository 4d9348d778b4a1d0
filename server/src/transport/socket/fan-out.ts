import type { CallDto, MessageDto, SessionDto } from '../../../../shared/src/contract/types';
import type { TypingPayload } from '../../../../shared/src/events';
import type { BusMessage, TypedEnvelope } from '../../domain/events/bus-messages';
import type { Services } from '../../services';
import { customerMaySee, viewOfCall, viewOfSession } from '../../domain/audience/audience';
import { matchesSubscription } from '../../domain/events/event-log';
import { reachesAnyone } from './recovery-adapter';
import { emitDelta } from './room-emit';
import { LOG_ROOM, sessionRoom, type EventsNamespace, type OperatorNamespace, type WidgetNamespace } from './socket-types';
import type { StatsPusher } from './stats-pusher';
import { TypingExpiry } from './typing-expiry';
import { traceEmit } from '../../observability/tracing';

/** What these handlers use of the services. */
export type FanOutDeps = Pick<Services, 'bus' | 'config'>;

interface Namespaces {
  widget: WidgetNamespace;
  operator: OperatorNamespace;
  events: EventsNamespace;
}

/**
 * Checked before every room emission: socket.io encodes (and, with connection state recovery,
 * keeps) a broadcast packet even when nobody can receive it, and most sessions have no
 * operator watching.
 */
const anyoneIn = (nsp: { adapter: { rooms: Map<string, Set<string>> } }, ...rooms: string[]): boolean => reachesAnyone(nsp.adapter, rooms);

/**
 * The single place where bus messages become socket emissions. Every process sees every bus
 * message (through the cluster relay), so each emits to its own sockets only.
 */
export function startFanOut(s: FanOutDeps, nsp: Namespaces, stats: StatsPusher): () => void {
  const emitTyping = (payload: TypingPayload) => {
    const room = sessionRoom(payload.sessionId);
    if (payload.from !== 'customer' && anyoneIn(nsp.widget, room)) nsp.widget.local.to(room).emit('typing', payload);
    if (anyoneIn(nsp.operator, room)) nsp.operator.local.to(room).emit('typing', payload);
  };
  const expiry = new TypingExpiry(s.config.OPERATOR_TYPING_TIMEOUT_MS, (sessionId, name) => emitTyping({ sessionId, from: 'operator', active: false, name }));
  const unsubscribe = s.bus.subscribe((m: BusMessage) => {
    switch (m.kind) {
      case 'domain':
        return onDomainEvent(m.event, nsp, stats, m.countersOnly === true);
      case 'delta': {
        const payload = { sessionId: m.sessionId, messageId: m.messageId, index: m.index, text: m.text };
        const room = sessionRoom(m.sessionId);
        emitDelta(nsp.widget, room, payload);
        emitDelta(nsp.operator, room, payload);
        return;
      }
      case 'typing':
        if (m.from === 'operator') expiry.note(m.sessionId, m.name, m.active);
        return emitTyping({ sessionId: m.sessionId, from: m.from, active: m.active, state: m.state, name: m.name });
      case 'revoke':
        return revoke(nsp, m.operatorId, m.apiKeyId);
      case 'operator-status':
        return void nsp.operator.local.emit('operators:status', m.operator);
      case 'stream-status': {
        const room = sessionRoom(m.sessionId);
        if (anyoneIn(nsp.widget, room)) nsp.widget.local.to(room).emit('stream:status', { sessionId: m.sessionId, messageId: m.messageId, label: m.label });
        return;
      }
      case 'abort-reply':
      case 'agent-changed':
        return;
    }
  });
  return () => {
    unsubscribe();
    expiry.stop();
  };
}

function onDomainEvent(e: TypedEnvelope, nsp: Namespaces, stats: StatsPusher, countersOnly: boolean): void {
  for (const socket of nsp.events.sockets.values()) {
    const sub = socket.data.subscription;
    if (!sub || !matchesSubscription(sub, e)) continue;
    if (socket.data.replayBuffer) socket.data.replayBuffer.push(e);
    else socket.emit('event', e);
  }
  const room = sessionRoom(e.sessionId);
  const data: { session?: SessionDto; message?: MessageDto; [field: string]: unknown } = e.data;
  switch (e.type) {
    case 'session.created':
      if (anyoneIn(nsp.operator, LOG_ROOM)) nsp.operator.local.to(LOG_ROOM).emit('session:created', data.session as SessionDto);
      return stats.markDirty();
    case 'session.updated': {
      const session = data.session as SessionDto;
      // The session log orders by activity, so it hears of every message; a session's own
      // watchers and widgets already got the message itself, and only need real changes.
      if (countersOnly) {
        if (anyoneIn(nsp.operator, LOG_ROOM)) nsp.operator.local.to(LOG_ROOM).emit('session:updated', session);
        return stats.markDirty();
      }
      if (anyoneIn(nsp.operator, LOG_ROOM, room)) nsp.operator.local.to(LOG_ROOM).to(room).emit('session:updated', session);
      const { status, mode, helpRequested } = viewOfSession('customer', session);
      if (anyoneIn(nsp.widget, room)) nsp.widget.local.to(room).emit('session:update', { sessionId: session.id, status, mode, helpRequested });
      return stats.markDirty();
    }
    case 'session.fields_updated':
      // Lead fields are staff-only: consoles see the session change; widgets learn of theirs from their own ack.
      if (anyoneIn(nsp.operator, LOG_ROOM, room)) nsp.operator.local.to(LOG_ROOM).to(room).emit('session:updated', data.session as SessionDto);
      return stats.markDirty();
    case 'message.created':
      return onMessage(data.message as MessageDto, nsp);
    case 'message.completed': {
      const message = data.message as MessageDto;
      const payload = { sessionId: message.sessionId, messageId: message.id, status: message.status ?? 'complete', message };
      traceEmit('stream:end', { 'switchboard.session_id': message.sessionId, 'switchboard.message_id': message.id, 'switchboard.message_status': payload.status }, () => {
        if (anyoneIn(nsp.widget, room)) nsp.widget.local.to(room).emit('stream:end', payload);
        if (anyoneIn(nsp.operator, room)) nsp.operator.local.to(room).emit('stream:end', payload);
      });
      return;
    }
    case 'call.requested':
    case 'call.updated':
      return onCall(data as { call: CallDto }, nsp);
    case 'session.erased':
      return onErased(e.sessionId, nsp, stats);
    // A tool call changed (the new call itself came as `message`): staff only, never widgets.
    case 'tool.approved':
    case 'tool.denied':
    case 'tool.completed':
      if (anyoneIn(nsp.operator, room)) nsp.operator.local.to(room).emit('message:updated', data.message as MessageDto);
      return;
    default:
      return;
  }
}

/** Consoles drop the session; widgets on it lose their connection, and reconnecting, find it gone and start afresh. */
function onErased(sessionId: string, nsp: Namespaces, stats: StatsPusher): void {
  const room = sessionRoom(sessionId);
  nsp.operator.local.to(LOG_ROOM).to(room).emit('session:erased', { sessionId });
  for (const id of nsp.widget.adapter.rooms.get(room) ?? []) nsp.widget.sockets.get(id)?.conn.close();
  stats.markDirty();
}

function onCall({ call }: { call: CallDto }, nsp: Namespaces): void {
  const room = sessionRoom(call.sessionId);
  if (call.status === 'offered') nsp.widget.local.to(room).emit('call:offer', { sessionId: call.sessionId, callId: call.id, reason: call.reason, text: call.text ?? call.reason ?? '' });
  else nsp.widget.local.to(room).emit('call:update', viewOfCall('customer', call));
  nsp.operator.local.to(room).emit('call:update', call);
}

function onMessage(message: MessageDto, nsp: Namespaces): void {
  const room = sessionRoom(message.sessionId);
  if (message.role === 'agent' && message.status === 'streaming') {
    const payload = { sessionId: message.sessionId, messageId: message.id, seq: message.seq };
    if (anyoneIn(nsp.widget, room)) nsp.widget.local.to(room).emit('stream:start', payload);
    if (anyoneIn(nsp.operator, room)) nsp.operator.local.to(room).emit('stream:start', payload);
    return;
  }
  if (anyoneIn(nsp.operator, room)) nsp.operator.local.to(room).emit('message', message);
  if (customerMaySee(message) && anyoneIn(nsp.widget, room)) nsp.widget.local.to(room).emit('message', message);
}

function revoke(nsp: Namespaces, operatorId?: string, apiKeyId?: string): void {
  for (const socket of nsp.operator.sockets.values()) if (operatorId && socket.data.operatorId === operatorId) socket.disconnect(true);
  for (const socket of nsp.events.sockets.values()) if (apiKeyId && socket.data.apiKeyId === apiKeyId) socket.disconnect(true);
}
