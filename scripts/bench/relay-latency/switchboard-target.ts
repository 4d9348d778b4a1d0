/**
 * Switchboard's widget path as a `BenchTarget`: a server process (pinned, probed) whose agent's
 * model is the stamping fake model; each client is a `/widget` socket that creates its own
 * session in the handshake, sends `message:send`, and reads `stream:delta` until `stream:end`.
 */
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import type { WidgetClientEvents, WidgetServerEvents } from '../../../shared/src/events';
import { api, startDatabase, startSwitchboard, type BenchServer, type LagSummary } from '../support/server-process';
import type { BenchTarget, ClientLike } from './harness';

export interface StartedSwitchboard {
  target: BenchTarget;
  server: BenchServer;
  stop(): Promise<LagSummary | null>;
}

/**
 * Starts the database and one server process, and an agent pointed at `openaiBaseUrl`.
 * `reach` may put something between the server and the database (the TTFT benchmark's delaying
 * proxy): it gets the database's URI and returns the one the server uses. `entry`: another
 * build's server script (default: this one's); `env`: settings of that server.
 */
export async function startSwitchboardTarget(openaiBaseUrl: string, reach: (uri: string) => Promise<string> = async (uri) => uri, entry?: string, env: Record<string, string> = {}): Promise<StartedSwitchboard> {
  const db = await startDatabase();
  const server = await startSwitchboard({ ...env, MONGODB_URI: await reach(db.uri) }, undefined, entry);
  const { agent } = await api<{ agent: { id: string } }>(server.url, 'POST', '/v1/agents', {
    name: 'bench agent',
    prompt: { type: 'single', text: 'You are a benchmark.' },
    llm: { provider: 'openai-compatible', model: 'bench', baseUrl: openaiBaseUrl },
  });
  return {
    server,
    target: { name: 'switchboard /widget', pid: server.pid, databasePid: db.pid ?? undefined, connect: () => connectWidget(server.url, agent.id) },
    async stop() {
      const lag = await server.stop();
      await db.stop();
      return lag;
    },
  };
}

type Widget = Socket<WidgetServerEvents, WidgetClientEvents>;

async function connectWidget(url: string, agentId: string): Promise<ClientLike> {
  const socket: Widget = io(`${url}/widget`, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { agentId } });
  await new Promise<void>((resolve, reject) => {
    socket.once('session', () => resolve());
    socket.once('connect_error', reject);
  });
  return {
    ask: (text, onText) =>
      new Promise<void>((resolve, reject) => {
        const onDelta = (d: { text: string }) => onText(d.text);
        const onEnd = (e: { status: string }) => {
          socket.off('stream:delta', onDelta).off('stream:end', onEnd);
          if (e.status === 'complete') resolve();
          else reject(new Error(`reply ${e.status}`));
        };
        socket.on('stream:delta', onDelta).on('stream:end', onEnd);
        socket
          .timeout(10_000)
          .emitWithAck('message:send', { clientMessageId: randomUUID(), content: text })
          .then((ack) => {
            if (!ack.ok) reject(new Error(`message:send: ${ack.error.code}`));
          }, reject);
      }),
    close: () => void socket.close(),
  };
}
