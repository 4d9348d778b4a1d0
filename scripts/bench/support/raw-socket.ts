/**
 * A bare Socket.IO client for load generation: the Engine.IO v4 / Socket.IO v5 wire protocol
 * over `ws`, one namespace per connection. It answers pings and hands each event frame over as
 * raw text, so a benchmark with a thousand sockets on one core measures the server rather than
 * a thousand clients decoding JSON.
 *
 *   const s = await RawSocket.connect('http://127.0.0.1:3000', '/operator', { token });
 *   const w = await RawSocket.connect(url, '/widget', { agentId, customerToken }, 'session');
 *   await s.emitWithAck('session:join', { sessionId });
 *   s.onEvent((frame, receivedAt) => { if (frame.includes('"message"')) … });
 */
import WebSocket from 'ws';

const OPEN = '0';
const PING = '2';
const PONG = '3';
const CONNECT = '40';
const EVENT = '42';
const ACK = '43';
const CONNECT_ERROR = '44';

export class RawSocket {
  private nextAckId = 0;
  private readonly acks = new Map<number, (frame: string) => void>();
  private listener: (frame: string, receivedAt: bigint) => void = () => undefined;

  private constructor(
    private readonly ws: WebSocket,
    private readonly nsp: string,
  ) {}

  /** Connects to `nsp` with `auth`; resolves once the namespace accepted it (and sent `readyEvent`, if given). */
  static connect(url: string, nsp: string, auth: object, readyEvent?: string): Promise<RawSocket> {
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`);
    const socket = new RawSocket(ws, nsp);
    return new Promise((resolve, reject) => {
      ws.on('error', reject);
      ws.on('message', (data: Buffer) => {
        const frame = data.toString();
        if (frame === PING) ws.send(PONG);
        else if (frame.startsWith(OPEN)) ws.send(`${CONNECT}${nsp},${JSON.stringify(auth)}`);
        else if (frame.startsWith(`${CONNECT}${nsp},`)) {
          if (!readyEvent) resolve(socket);
        } else if (readyEvent && frame.startsWith(`${EVENT}${nsp},["${readyEvent}"`)) resolve(socket);
        else if (frame.startsWith(`${CONNECT_ERROR}${nsp},`)) reject(new Error(frame));
        else socket.onFrame(frame);
      });
    });
  }

  /** Every event frame this socket receives (`42<nsp>,[…]`), with the time it arrived. */
  onEvent(listener: (frame: string, receivedAt: bigint) => void): void {
    this.listener = listener;
  }

  /** Emits `event` and resolves with the raw acknowledgement frame. */
  emitWithAck(event: string, payload: object): Promise<string> {
    const id = this.nextAckId++;
    return new Promise((resolve) => {
      this.acks.set(id, resolve);
      this.ws.send(`${EVENT}${this.nsp},${id}${JSON.stringify([event, payload])}`);
    });
  }

  close(): void {
    this.ws.close();
  }

  private onFrame(frame: string): void {
    const receivedAt = process.hrtime.bigint();
    const ackPrefix = `${ACK}${this.nsp},`;
    if (frame.startsWith(ackPrefix)) {
      const id = Number(/^\d+/.exec(frame.slice(ackPrefix.length))?.[0]);
      this.acks.get(id)?.(frame);
      this.acks.delete(id);
    } else if (frame.startsWith(`${EVENT}${this.nsp},`)) this.listener(frame, receivedAt);
  }
}
