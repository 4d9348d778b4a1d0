import { connect, createServer, type Socket } from 'node:net';

export interface TcpBalancer {
  url: string;
  close(): Promise<void>;
}

/**
 * A load balancer as a rolling restart meets it: each new TCP connection goes to the first
 * backend that accepts it, so once a process stops listening its clients land on the next.
 */
export async function startTcpBalancer(backendUrls: string[]): Promise<TcpBalancer> {
  const backends = backendUrls.map((u) => new URL(u));
  const open = new Set<Socket>();
  const server = createServer((client) => {
    client.pause();
    open.add(client);
    client.on('close', () => open.delete(client));
    client.on('error', () => client.destroy());
    const attempt = (i: number): void => {
      const backend = backends[i];
      if (!backend) return void client.destroy();
      const upstream = connect({ host: backend.hostname, port: Number(backend.port) });
      upstream.once('error', () => attempt(i + 1));
      upstream.once('connect', () => {
        upstream.removeAllListeners('error');
        upstream.on('error', () => client.destroy());
        upstream.on('close', () => client.destroy());
        client.on('close', () => upstream.destroy());
        client.pipe(upstream).pipe(client);
      });
    };
    attempt(0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}
