import { callAcceptSchema, csatSchema, helpRequestSchema, messagesSinceSchema, typingSchema, widgetAuthSchema, widgetMessageSendSchema } from '../../../../shared/src/schemas';
import type { WidgetClientEvents } from '../../../../shared/src/events';
import { z } from 'zod';
import { toCustomerSessionDto } from '../../domain/sessions/session.mapper';
import { toCustomerCallDto } from '../../domain/calls/call.mapper';
import type { Services } from '../../services';
import { assertSafeKeys, parse } from '../http/validate';
import type { ConnectionLimit } from './connection-limit';
import { handshakeError } from './handshake-error';
import { sessionRoom, type WidgetNamespace, type WidgetSocket } from './socket-types';
import { handle } from './with-ack';

const RECENT_MESSAGES = 50;

export const clientIp = (socket: { handshake: { address: string; headers: Record<string, string | string[] | undefined> } }, trustProxy: boolean): string => {
  const forwarded = socket.handshake.headers['x-forwarded-for'];
  if (trustProxy && typeof forwarded === 'string') return forwarded.split(',')[0]?.trim() || socket.handshake.address;
  return socket.handshake.address;
};

/** `/widget`: one visitor, one session. The handshake decides which; nothing else can be reached. */
export function registerWidgetNamespace(nsp: WidgetNamespace, s: Services, limit: ConnectionLimit): void {
  nsp.use(async (socket, next) => {
    try {
      assertSafeKeys(socket.handshake.auth);
      const auth = parse(widgetAuthSchema, socket.handshake.auth, 'auth');
      const ip = clientIp(socket, s.config.TRUST_PROXY);
      limit.admit(socket, ip);
      const access = await s.widgetAccess.connect({ ...auth, origin: socket.handshake.headers.origin, ip });
      Object.assign(socket.data, { sessionId: access.session.id, agentId: access.session.agentId, customerToken: access.customerToken, handshakeSession: access.created ? access.session : undefined });
      next();
    } catch (err) {
      next(handshakeError(err, s.logger));
    }
  });
  nsp.on('connection', (socket) => void onConnection(socket, s));
}

async function onConnection(socket: WidgetSocket, s: Services): Promise<void> {
  const sessionId = socket.data.sessionId as string;
  void socket.join(sessionRoom(sessionId));
  registerHandlers(socket, s, sessionId);
  const known = socket.data.handshakeSession;
  socket.data.handshakeSession = undefined;
  try {
    // A session this handshake just created has no messages yet; a resumed one is read after the join, so nothing falls in between.
    const [session, messages, agent] = await Promise.all([
      known ?? s.sessions.get(sessionId),
      known ? [] : s.messages.recent(sessionId, 'customer', RECENT_MESSAGES),
      s.agents.getDoc(socket.data.agentId as string),
    ]);
    socket.emit('session', {
      session: toCustomerSessionDto(session),
      agent: { id: agent._id.toHexString(), name: agent.name, greeting: agent.greeting },
      messages,
      customerToken: socket.data.customerToken as string,
    });
  } catch (err) {
    s.logger.warn({ err, sessionId }, 'could not send the widget session snapshot');
    socket.disconnect(true);
  }
}

function registerHandlers(socket: WidgetSocket, s: Services, sessionId: string): void {
  const on = <K extends keyof WidgetClientEvents & string, S extends z.ZodType>(event: K, schema: S, fn: Parameters<typeof handle<WidgetClientEvents, K, S>>[4]) =>
    handle<WidgetClientEvents, K, S>(socket, s.logger, event, schema, fn);
  const ip = clientIp(socket, s.config.TRUST_PROXY);

  on('message:send', widgetMessageSendSchema, async ({ content, clientMessageId }) => {
    const sent = await s.chat.sendCustomerMessage(sessionId, content, clientMessageId, { ip, trusted: false });
    return { message: sent.message, duplicate: sent.duplicate };
  });
  on('messages:since', messagesSinceSchema, async ({ afterSeq }) => ({ messages: await s.messages.list(sessionId, 'customer', afterSeq, 500) }));
  on('help:request', helpRequestSchema, async ({ reason }) => ({ session: toCustomerSessionDto(await s.chat.requestHuman(sessionId, reason ?? null)) }));
  on('session:close', z.object({}).strict(), async () => ({ session: toCustomerSessionDto(await s.sessions.close(sessionId)) }));
  on('typing', typingSchema, async ({ active }) => {
    s.bus.send({ kind: 'typing', sessionId, from: 'customer', active });
    return {};
  });
  on('csat:submit', csatSchema, async ({ rating, comment }) => ({ session: toCustomerSessionDto(await s.sessions.rate(sessionId, rating, comment || null)) }));
  on('call:accept', callAcceptSchema, async ({ phone }) => ({ call: toCustomerCallDto(await s.calls.accept(sessionId, phone)) }));
}
