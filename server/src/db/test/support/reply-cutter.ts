import { connect, createServer, type Socket } from 'node:net';

/**
 * A TCP proxy in front of a database that can lose one reply: once armed for a command name,
 * the next command of that name goes through and is carried out, and the connection is cut
 * when its reply comes back, so the client sees a network error for a write that was stored —
 * what a failover or a dropped connection does to a driver.
 */
export interface ReplyCutter {
  uri: string;
  /** Cuts the connection that carries the next `name` command, when its reply arrives. */
  arm(name: string): void;
  /** How many replies were cut. */
  readonly cuts: number;
  close(): Promise<void>;
}

/** The first element of an OP_MSG body: a string (type 2) named for the command. */
const commandMarker = (name: string): Buffer => Buffer.concat([Buffer.from([2]), Buffer.from(name), Buffer.from([0])]);

export async function startReplyCutter(databaseUri: string): Promise<ReplyCutter> {
  const target = new URL(databaseUri);
  const open = new Set<Socket>();
  let armed: Buffer | undefined;
  let cuts = 0;
  const server = createServer((client) => {
    const upstream = connect({ host: target.hostname, port: Number(target.port) });
    open.add(client);
    open.add(upstream);
    let cutNextReply = false;
    const closeBoth = (): void => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', closeBoth).on('close', closeBoth);
    upstream.on('error', closeBoth).on('close', closeBoth);
    client.on('data', (chunk: Buffer) => {
      if (armed && chunk.includes(armed)) {
        armed = undefined;
        cutNextReply = true;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (!cutNextReply) return void client.write(chunk);
      cuts++;
      closeBoth();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    uri: `mongodb://127.0.0.1:${port}${target.pathname}`,
    arm: (name) => {
      armed = commandMarker(name);
    },
    get cuts() {
      return cuts;
    },
    close: () =>
      new Promise((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}
