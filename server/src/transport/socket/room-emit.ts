import type { StreamDelta } from '../../../../shared/src/events';
import { reachesRoom } from './recovery-adapter';
import type { OperatorNamespace, WidgetNamespace } from './socket-types';

/** socket.io-parser's EVENT packet type. */
const EVENT = 2;
const LOCAL = Object.freeze({ local: true });
const NOBODY: ReadonlySet<string> = new Set();

/**
 * `nsp.local.to(room).emit('stream:delta', delta)`, without its three BroadcastOperators, two
 * Sets and copied flags per call: the per-token path calls this for every delta (and every
 * widget and console on the session), so it hands the packet to the adapter directly, exactly
 * as BroadcastOperator.emit does for an emission without an acknowledgement. Going through the
 * adapter keeps the packet for connection state recovery, and with Redis `local` keeps it to
 * this process's sockets (every process sees every bus message). Nobody can receive: nothing
 * is encoded or kept.
 */
export function emitDelta(nsp: WidgetNamespace | OperatorNamespace, room: string, delta: StreamDelta): void {
  const adapter = nsp.adapter;
  if (!reachesRoom(adapter, room)) return;
  adapter.broadcast({ type: EVENT, data: ['stream:delta', delta] } as Parameters<typeof adapter.broadcast>[0], {
    rooms: new Set([room]),
    except: NOBODY as Set<string>,
    flags: LOCAL,
  });
}
