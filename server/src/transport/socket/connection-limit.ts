import type { CountedSocketData } from './socket-types';

/** The part of a socket the limit uses: every namespace's socket has it. */
interface CountedSocket {
  data: CountedSocketData;
  readonly connected: boolean;
  on(event: 'disconnect', listener: (this: CountedSocket) => void): unknown;
  off(event: 'disconnect', listener: (this: CountedSocket) => void): unknown;
  listeners(event: 'disconnect'): unknown[];
}
import { AppError } from '../../domain/app-error';

/**
 * Caps live sockets per IP address in this process. The address is kept in `socket.data.ip`
 * and one disconnect listener is shared by all sockets, so an idle socket costs no closure.
 */
export class ConnectionLimit {
  private readonly counts = new Map<string, number>();
  private readonly onDisconnect: (this: CountedSocket) => void;

  constructor(private readonly max: number) {
    const release = (ip: string) => this.release(ip);
    this.onDisconnect = function (this: CountedSocket) {
      release(this.data.ip);
    };
  }

  /** Counts the socket in (or refuses it); call `refused` if its handshake fails afterwards. */
  admit(socket: CountedSocket, ip: string): void {
    const n = this.counts.get(ip) ?? 0;
    if (n >= this.max) throw new AppError('rate_limited', `too many connections from this address (limit ${this.max})`, { retryAfter: 30 });
    this.counts.set(ip, n + 1);
    socket.data.ip = ip;
    socket.on('disconnect', this.onDisconnect);
  }

  /** A handshake that failed after `admit`: its socket never connects, so no disconnect will count it out. */
  refused(socket: CountedSocket): void {
    if (socket.connected || !socket.listeners('disconnect').includes(this.onDisconnect)) return;
    socket.off('disconnect', this.onDisconnect);
    this.release(socket.data.ip);
  }

  private release(ip: string): void {
    const left = (this.counts.get(ip) ?? 1) - 1;
    if (left <= 0) this.counts.delete(ip);
    else this.counts.set(ip, left);
  }
}
