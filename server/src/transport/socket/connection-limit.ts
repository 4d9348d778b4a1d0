import type { Socket } from 'socket.io';
import { AppError } from '../../domain/app-error';

/**
 * Caps live sockets per IP address in this process. The address is kept in `socket.data.ip`
 * and one disconnect listener is shared by all sockets, so an idle socket costs no closure.
 */
export class ConnectionLimit {
  private readonly counts = new Map<string, number>();
  private readonly onDisconnect: (this: Socket) => void;

  constructor(private readonly max: number) {
    const release = (ip: string) => this.release(ip);
    this.onDisconnect = function (this: Socket) {
      release(this.data.ip as string);
    };
  }

  /** Counts the socket in (or refuses it); call `refused` if its handshake fails afterwards. */
  admit(socket: Socket, ip: string): void {
    const n = this.counts.get(ip) ?? 0;
    if (n >= this.max) throw new AppError('rate_limited', `too many connections from this address (limit ${this.max})`, { retryAfter: 30 });
    this.counts.set(ip, n + 1);
    socket.data.ip = ip;
    socket.on('disconnect', this.onDisconnect);
  }

  /** A handshake that failed after `admit`: its socket never connects, so no disconnect will count it out. */
  refused(socket: Socket): void {
    if (socket.connected || !socket.listeners('disconnect').includes(this.onDisconnect)) return;
    socket.off('disconnect', this.onDisconnect);
    this.release(socket.data.ip as string);
  }

  private release(ip: string): void {
    const left = (this.counts.get(ip) ?? 1) - 1;
    if (left <= 0) this.counts.delete(ip);
    else this.counts.set(ip, left);
  }
}
