import { Adapter, SessionAwareAdapter, type BroadcastOptions } from 'socket.io-adapter';

/**
 * Events a reconnecting socket gets afresh anyway, so keeping them for recovery only costs
 * memory: the widget's `session` snapshot is sent on every connection (with recovery or not).
 */
const RESENT_ON_CONNECT = new Set(['session']);

interface PersistedSession {
  rooms: string[];
}

/** The adapter's disconnected-but-recoverable sockets, with a count of them per room. */
class RoomCountingSessions extends Map<string, PersistedSession> {
  readonly perRoom = new Map<string, number>();

  override set(pid: string, session: PersistedSession): this {
    this.delete(pid);
    super.set(pid, session);
    for (const room of session.rooms) this.perRoom.set(room, (this.perRoom.get(room) ?? 0) + 1);
    return this;
  }

  override delete(pid: string): boolean {
    const session = this.get(pid);
    if (!session) return false;
    super.delete(pid);
    for (const room of session.rooms) {
      const left = (this.perRoom.get(room) ?? 1) - 1;
      if (left > 0) this.perRoom.set(room, left);
      else this.perRoom.delete(room);
    }
    return true;
  }
}

/**
 * Socket.IO's in-memory adapter with connection state recovery, with three changes:
 * - it knows whether anyone can still receive a room's packets: a socket connected to it, or
 *   one disconnected a moment ago that may recover its connection and be owed what it
 *   missed. The fan-out skips rooms nobody can receive.
 * - it does not keep the events in RESENT_ON_CONNECT.
 * - it keeps at most `maxPackets` packets for recovery. The base class keeps every broadcast
 *   for the whole recovery window, which for streamed replies (a packet per token) grows
 *   without bound with the traffic. A socket whose last packet has been dropped simply gets a
 *   fresh connection: its session snapshot and `messages:since`, so nothing stored is lost.
 */
export class RecoveryAdapter extends SessionAwareAdapter {
  static maxPackets = 20_000;
  private readonly persisted = new RoomCountingSessions();

  constructor(nsp: ConstructorParameters<typeof SessionAwareAdapter>[0]) {
    super(nsp);
    // The base class keeps its sessions in this (private) map; ours counts rooms as it goes.
    (this as unknown as { sessions: Map<string, PersistedSession> }).sessions = this.persisted;
  }

  override broadcast(packet: { data?: unknown[] }, opts: BroadcastOptions): void {
    const event = packet.data?.[0];
    if (typeof event === 'string' && RESENT_ON_CONNECT.has(event)) {
      Adapter.prototype.broadcast.call(this, packet, opts);
      return;
    }
    super.broadcast(packet, opts);
    const packets = (this as unknown as { packets: unknown[] }).packets;
    const limit = (this.constructor as typeof RecoveryAdapter).maxPackets;
    // Trimmed in steps of a quarter, so the cost of dropping stays spread over many packets.
    if (packets.length > limit * 1.25) packets.splice(0, packets.length - limit);
  }

  reaches(room: string): boolean {
    return (this.rooms.get(room)?.size ?? 0) > 0 || this.persisted.perRoom.has(room);
  }
}

/** The adapter class for a server keeping at most `maxPackets` packets per namespace for recovery. */
export function recoveryAdapter(maxPackets: number): typeof RecoveryAdapter {
  return class extends RecoveryAdapter {
    static override maxPackets = maxPackets;
  };
}

/**
 * Whether an emission to these rooms can reach anyone in this process. With another adapter
 * (Redis), rooms of local sockets are what `.local` emissions reach.
 */
export function reachesAnyone(adapter: { rooms: Map<string, Set<string>> }, rooms: string[]): boolean {
  return rooms.some((room) => reachesRoom(adapter, room));
}

/** `reachesAnyone` for one room (the per-token path: no array per call). */
export function reachesRoom(adapter: { rooms: Map<string, Set<string>> }, room: string): boolean {
  if (adapter instanceof RecoveryAdapter) return adapter.reaches(room);
  return (adapter.rooms.get(room)?.size ?? 0) > 0;
}
