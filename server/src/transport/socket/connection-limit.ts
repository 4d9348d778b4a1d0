import type { Socket } from 'socket.io';
import { AppError } from '../../domain/app-error';

/** Caps live sockets per IP address in this process. */
export class ConnectionLimit {
  private readonly counts = new Map<string, number>();

  constructor(private readonly max: number) {}

  admit(socket: Socket, ip: string): void {
    const n = this.counts.get(ip) ?? 0;
    if (n >= this.max) throw new AppError('rate_limited', `too many connections from this address (limit ${this.max})`, { retryAfter: 30 });
    this.counts.set(ip, n + 1);
    socket.once('disconnect', () => {
      const left = (this.counts.get(ip) ?? 1) - 1;
      if (left <= 0) this.counts.delete(ip);
      else this.counts.set(ip, left);
    });
  }
}
