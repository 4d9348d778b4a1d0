/**
 * A loopback TCP proxy that holds every chunk 1 ms (each way) before passing it on: the
 * database behind it answers like one across a real network. Runs as its own process (forked
 * under tsx by the benchmark) so its timers do not share a loop with the clients measuring.
 * Env: PROXY_TARGET_PORT (required), PROXY_DELAY_MS (default 1). Sends `{ port }` once it listens.
 */
import net from 'node:net';

const targetPort = Number(process.env.PROXY_TARGET_PORT);
const delayMs = Number(process.env.PROXY_DELAY_MS ?? '1');

/** Copies `from` to `to`, each chunk `delayMs` late; timers of one delay fire in order, so order holds. */
function delayed(from: net.Socket, to: net.Socket): void {
  from.on('data', (chunk) => setTimeout(() => to.writable && to.write(chunk), delayMs));
  from.on('end', () => setTimeout(() => to.end(), delayMs));
  from.on('error', () => to.destroy());
}

const server = net.createServer((client) => {
  client.setNoDelay(true);
  const upstream = net.connect(targetPort, '127.0.0.1');
  upstream.setNoDelay(true);
  delayed(client, upstream);
  delayed(upstream, client);
  client.on('close', () => upstream.destroy());
  upstream.on('close', () => client.destroy());
});
server.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as net.AddressInfo).port }));
process.on('disconnect', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
