import type { EventsClientEvents } from '../../../../shared/src/events';
import { eventsAuthSchema, eventsSubscribeSchema } from '../../../../shared/src/schemas';
import { AppError } from '../../domain/app-error';
import { assertScope } from '../../domain/api-keys/key-scopes';
import type { Services } from '../../services';
import { parse } from '../validate';
import type { ConnectionLimit } from './connection-limit';
import type { EventLog } from '../../domain/events/event-log';
import { replayEvents } from './event-replay';
import { handshakeError } from './handshake-error';
import type { EventsNamespace, EventsSocket, EventsSocketData } from './socket-types';
import { handle } from './with-ack';
import { clientIp } from './client-ip';

/** What the events namespace uses. */
export type EventsDeps = Pick<Services, 'config' | 'logger' | 'apiKeys'>;

/** `/events`: developers subscribe to domain events with an API key, and can catch up. */
export function registerEventsNamespace(nsp: EventsNamespace, s: EventsDeps, log: EventLog, limit: ConnectionLimit): void {
  nsp.use(async (socket, next) => {
    try {
      const { apiKey } = parse(eventsAuthSchema, socket.handshake.auth, 'auth');
      const key = await s.apiKeys.verify(apiKey);
      if (!key) throw new AppError('unauthorized', 'the API key is invalid or revoked');
      assertScope(key.scopes, ['events:read']);
      const ip = clientIp(socket, s.config.TRUST_PROXY);
      limit.admit(socket, ip);
      const data: EventsSocketData = { ip, apiKeyId: key.id };
      Object.assign(socket.data, data);
      next();
    } catch (err) {
      limit.refused(socket);
      next(handshakeError(err, s.logger));
    }
  });
  nsp.on('connection', (socket) => registerHandlers(socket, s, log));
}

function registerHandlers(socket: EventsSocket, s: EventsDeps, log: EventLog): void {
  handle<EventsClientEvents, 'subscribe', typeof eventsSubscribeSchema>(socket, s.logger, 'subscribe', eventsSubscribeSchema, async (subscription) => {
    // Live events are held back while the catch-up is read, then deduplicated by id.
    socket.data.subscription = { ...subscription, afterEventId: undefined };
    const replayed = subscription.afterEventId ? await replayEvents(socket, log, subscription, subscription.afterEventId) : 0;
    return { subscription, replayed };
  });
}
