import type { Server as HttpServer } from 'node:http';
import { Server, type ServerOptions } from 'socket.io';
import { ConnectionLimit } from './connection-limit';
import type { EventLog } from '../../domain/events/event-log';
import { registerEventsNamespace, type EventsDeps } from './events.handlers';
import { startFanOut, type FanOutDeps } from './fan-out';
import { registerOperatorNamespace, type OperatorDeps } from './operator.handlers';
import type { EventsNamespace, OperatorNamespace, WidgetNamespace } from './socket-types';
import { StatsPusher } from './stats-pusher';
import { registerWidgetNamespace, type WidgetDeps } from './widget.handlers';
import { recoveryAdapter } from './recovery-adapter';
import { slimInitialRequests } from './slim-request';
import { startOperatorPresence } from './operator-presence';
import { operatorLeft } from '../../domain/support/operator-departure';

/** What the socket layer uses: its three namespaces', the fan-out's, and an operator's departure. */
export type SocketLayerDeps = WidgetDeps & OperatorDeps & EventsDeps & FanOutDeps & Parameters<typeof operatorLeft>[0];

export interface SocketLayer {
  io: Server;
  /**
   * While the process drains: closes the connection of each widget whose session has no reply
   * `busy` here, now and then every `everyMs`. socket.io-client reconnects by itself, to another
   * process behind a load balancer. Returns a stop function.
   */
  handOffWidgets(busy: (sessionId: string) => boolean, everyMs?: number): () => void;
  close(): Promise<void>;
}

/** Socket.IO on the shared HTTP server: the three namespaces and the fan-out. `store`: the event log `/events` catches up from. */
export function createSocketLayer(httpServer: HttpServer, s: SocketLayerDeps, store: EventLog, adapter?: ServerOptions['adapter']): SocketLayer {
  const io = new Server(httpServer, {
    adapter: adapter ?? recoveryAdapter(s.config.SOCKET_RECOVERY_MAX_PACKETS),
    // The widget lives on other sites; credentials travel in `auth`, never cookies.
    cors: { origin: true, credentials: false },
    transports: ['websocket', 'polling'],
    maxHttpBufferSize: s.config.MAX_SOCKET_PAYLOAD_BYTES,
    connectionStateRecovery: { maxDisconnectionDuration: s.config.SOCKET_RECOVERY_SECONDS * 1000, skipMiddlewares: false },
    pingInterval: 20_000,
    pingTimeout: 20_000,
  });
  slimInitialRequests(io);
  const limit = new ConnectionLimit(s.config.MAX_CONNECTIONS_PER_IP);
  const widget = io.of('/widget') as WidgetNamespace;
  const operator = io.of('/operator') as OperatorNamespace;
  const events = io.of('/events') as EventsNamespace;
  const stats = new StatsPusher(operator, (f) => s.sessions.statsWithFacets(f), s.logger);
  registerWidgetNamespace(widget, s, limit);
  registerOperatorNamespace(operator, s, limit);
  registerEventsNamespace(events, s, store, limit);
  const stopFanOut = startFanOut(s, { widget, operator, events }, stats);
  const stopPresence = startOperatorPresence(operator, s.operators, s.config.OPERATOR_PRESENCE_SECONDS * 1000, s.logger, (gone) => operatorLeft(s, gone, 'closed_console'));
  return {
    io,
    handOffWidgets(busy, everyMs = 100) {
      const sweep = () => {
        // conn.close(), not disconnect(): a DISCONNECT packet would stop the client's own reconnection.
        for (const socket of widget.sockets.values()) if (!busy(socket.data.sessionId)) socket.conn.close();
      };
      sweep();
      const timer = setInterval(sweep, everyMs);
      return () => clearInterval(timer);
    },
    async close() {
      stopFanOut();
      stopPresence();
      stats.stop();
      await store.flush();
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => void io.close(() => resolve()));
    },
  };
}
