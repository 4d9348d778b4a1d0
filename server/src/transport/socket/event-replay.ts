import type { EventsSubscription } from '../../../../shared/src';
import { matchesSubscription, type EventLog } from '../../domain/events/event-log';
import type { EventsSocket } from './socket-types';

/**
 * Sends an `/events` subscriber the logged events after `afterEventId`, then whatever arrived
 * live meanwhile (the fan-out holds it in `replayBuffer`), once each, in order.
 */
export async function replayEvents(socket: EventsSocket, log: EventLog, sub: EventsSubscription, afterEventId: string): Promise<number> {
  socket.data.replayBuffer = [];
  try {
    // The subscription's schema admits only a 24-hex id here (anything else is invalid_request, never "replay everything").
    const logged = await log.after(afterEventId);
    const seen = new Set<string>();
    let replayed = 0;
    for (const e of logged) {
      seen.add(e.id);
      if (!matchesSubscription(sub, e)) continue;
      socket.emit('event', e);
      replayed += 1;
    }
    for (const e of socket.data.replayBuffer) if (!seen.has(e.id)) socket.emit('event', e);
    return replayed;
  } finally {
    socket.data.replayBuffer = undefined;
  }
}
