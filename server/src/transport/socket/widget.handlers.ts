import { callAcceptSchema, csatSchema, helpRequestSchema, messagesSinceSchema, typingSchema, widgetAuthSchema, widgetMessageSendSchema, widgetMetadataUpdateSchema } from '../../../../shared/src/schemas';
import type { WidgetClientEvents } from '../../../../shared/src/events';
import { z } from 'zod';
import { fieldsSubmitSchema } from '../../../../shared/src/lead-schemas';
import { viewOfCall, viewOfSession } from '../../domain/audience/audience';
import { toPublicAgentDto } from '../../domain/agents/agent.mapper';
import type { Services } from '../../services';
import { assertSafeKeys, parse } from '../validate';
import { clientIp } from './client-ip';
import type { ConnectionLimit } from './connection-limit';
import { handshakeError } from './handshake-error';
import { sessionRoom, type WidgetNamespace, type WidgetSocket, type WidgetSocketData } from './socket-types';
import { sharedHandler, type AckPayload } from './with-ack';

const RECENT_MESSAGES = 50;

/** What the widget namespace uses. */
export type WidgetDeps = Pick<Services, 'config' | 'logger' | 'bus' | 'widgetAccess' | 'chat' | 'sessions' | 'messages' | 'agents' | 'leads' | 'calls'>;

/** `/widget`: one visitor, one session. The handshake decides which; nothing else can be reached. */
export function registerWidgetNamespace(nsp: WidgetNamespace, s: WidgetDeps, limit: ConnectionLimit): void {
  nsp.use(async (socket, next) => {
    try {
      assertSafeKeys(socket.handshake.auth);
      const auth = parse(widgetAuthSchema, socket.handshake.auth, 'auth');
      const ip = clientIp(socket, s.config.TRUST_PROXY);
      limit.admit(socket, ip);
      const access = await s.widgetAccess.connect({ ...auth, origin: socket.handshake.headers.origin, ip });
      const data: WidgetSocketData = { ip, sessionId: access.session.id, agentId: access.session.agentId, customerToken: access.customerToken, handshakeSession: access.created ? access.session : undefined };
      Object.assign(socket.data, data);
      next();
    } catch (err) {
      limit.refused(socket);
      next(handshakeError(err, s.logger));
    }
  });
  const dispatch = dispatcher(widgetHandlers(s));
  nsp.on('connection', (socket) => void onConnection(socket, s, dispatch));
}

/**
 * One catch-all listener, shared by every widget socket, that routes each event to its
 * handler: an idle socket then holds a single reference rather than a listener per event.
 */
function dispatcher(handlers: WidgetHandler[]): (this: WidgetSocket, event: string, ...args: unknown[]) => void {
  const byEvent = new Map<string, WidgetHandler['listener']>(handlers.map((h) => [h.event, h.listener]));
  return function (this: WidgetSocket, event: string, payload: unknown, ack: unknown): void {
    byEvent.get(event)?.call(this, payload, ack);
  };
}

async function onConnection(socket: WidgetSocket, s: WidgetDeps, dispatch: ReturnType<typeof dispatcher>): Promise<void> {
  const sessionId = socket.data.sessionId;
  void socket.join(sessionRoom(sessionId));
  socket.onAny(dispatch);
  const known = socket.data.handshakeSession;
  delete socket.data.handshakeSession;
  try {
    // A session this handshake just created has no messages yet; a resumed one is read after the join, so nothing falls in between.
    const [session, messages, agent] = await Promise.all([
      known ?? s.sessions.get(sessionId),
      known ? [] : s.messages.recent(sessionId, 'customer', RECENT_MESSAGES),
      s.agents.getDoc(socket.data.agentId),
    ]);
    socket.emit('session', {
      session: await s.leads.customerView(session, agent),
      agent: toPublicAgentDto(agent),
      messages,
      customerToken: socket.data.customerToken,
    });
    // Needed for this snapshot only; a reconnect's handshake sets it again.
    socket.data.customerToken = '';
  } catch (err) {
    s.logger.warn({ err, sessionId }, 'could not send the widget session snapshot');
    socket.disconnect(true);
  }
}

type WidgetHandler = { event: keyof WidgetClientEvents & string; listener: (this: WidgetSocket, payload: unknown, ack: unknown) => void };

/** The widget's events, built once per namespace: each socket only keeps references to them. */
function widgetHandlers(s: WidgetDeps): WidgetHandler[] {
  const on = <K extends keyof WidgetClientEvents & string, S extends z.ZodType>(event: K, schema: S, fn: (socket: WidgetSocket, input: z.output<S>, sessionId: string) => Promise<AckPayload<WidgetClientEvents[K]>>) =>
    sharedHandler<WidgetClientEvents, K, S, WidgetSocket>(s.logger, event, schema, (socket, input) => fn(socket, input, socket.data.sessionId));
  return [
    on('message:send', widgetMessageSendSchema, async (socket, { content, clientMessageId }, sessionId) => {
      const sent = await s.chat.sendCustomerMessage(sessionId, content, clientMessageId, { ip: socket.data.ip, trusted: false });
      return { message: sent.message, duplicate: sent.duplicate };
    }),
    on('messages:since', messagesSinceSchema, async (_, { afterSeq }, sessionId) => ({ messages: await s.messages.list(sessionId, 'customer', afterSeq, 500) })),
    on('help:request', helpRequestSchema, async (_, { reason }, sessionId) => ({ session: viewOfSession('customer', await s.chat.requestHuman(sessionId, reason ?? null)) })),
    on('session:close', z.object({}).strict(), async (_, __, sessionId) => ({ session: viewOfSession('customer', await s.sessions.close(sessionId)) })),
    on('typing', typingSchema, async (_, { active }, sessionId) => {
      s.bus.send({ kind: 'typing', sessionId, from: 'customer', active });
      return {};
    }),
    on('csat:submit', csatSchema, async (_, { rating, comment }, sessionId) => ({ session: viewOfSession('customer', await s.sessions.rate(sessionId, rating, comment || null)) })),
    on('fields:submit', fieldsSubmitSchema, async (_, { fields }, sessionId) => ({ session: await s.leads.submitPrechat(sessionId, fields) })),
    on('metadata:update', widgetMetadataUpdateSchema, async (_, { metadata }, sessionId) => {
      await s.sessions.mergeMetadata(sessionId, metadata);
      return {};
    }),
    on('call:accept', callAcceptSchema, async (_, { phone }, sessionId) => ({ call: viewOfCall('customer', await s.calls.accept(sessionId, phone)) })),
  ];
}
