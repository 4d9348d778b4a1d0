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
 * Socket.IO's in-memory adapter with connection state recovery, which also knows whether
 * anyone can still receive a room's packets: a socket connected to it, or one disconnected
 * a moment ago that may recover its connection and be owed what it missed. The fan-out
 * skips rooms nobody can receive, since the adapter encodes and keeps every packet it is
 * given for the whole recovery window. Nor does it keep the events in RESENT_ON_CONNECT.
 */
export class RecoveryAdapter extends SessionAwareAdapter {
  private readonly persisted = new RoomCountingSessions();

  constructor(nsp: ConstructorParameters<typeof SessionAwareAdapter>[0]) {
    super(nsp);
    // The base class keeps its sessions in this (private) map; ours counts rooms as it goes.
    (this as unknown as { sessions: Map<string, PersistedSession> }).sessions = this.persisted;
  }

  override broadcast(packet: { data?: unknown[] }, opts: BroadcastOptions): void {
    if (RESENT_ON_CONNECT.has(packet.data?.[0] as string)) Adapter.prototype.broadcast.call(this, packet, opts);
    else super.broadcast(packet, opts);
  }

  reaches(room: string): boolean {
    return (this.rooms.get(room)?.size ?? 0) > 0 || this.persisted.perRoom.has(room);
  }
}

/**
 * Whether an emission to these rooms can reach anyone in this process. With another adapter
 * (Redis), rooms of local sockets are what `.local` emissions reach.
 */
export function reachesAnyone(adapter: { rooms: Map<string, Set<string>> }, rooms: string[]): boolean {
  if (adapter instanceof RecoveryAdapter) return rooms.some((room) => adapter.reaches(room));
  return rooms.some((room) => (adapter.rooms.get(room)?.size ?? 0) > 0);
}
