/** The minimal relay as a `BenchTarget`: forks relay.ts under tsx and connects socket.io clients to it. */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { cpuProfileArgs } from '../support/server-process';
import type { BenchTarget, ClientLike } from './harness';
import type { RelayClientEvents, RelayReady, RelayServerEvents } from './protocol';

export interface StartedTarget {
  target: BenchTarget;
  /** The relay's process id (to pin it to a core). */
  pid: number;
  stop(): Promise<void>;
}

/** Starts the relay process pointed at `openaiBaseUrl` and resolves once it listens. */
export async function startMinimalRelay(openaiBaseUrl: string): Promise<StartedTarget> {
  const child = fork(path.join(__dirname, 'relay.ts'), [], {
    execArgv: [...cpuProfileArgs(), '--import', 'tsx'],
    env: { ...process.env, OPENAI_BASE_URL: openaiBaseUrl },
  });
  const [ready] = (await once(child, 'message')) as [RelayReady];
  const url = `http://127.0.0.1:${ready.port}`;
  return {
    target: { name: 'minimal relay', pid: child.pid, connect: () => connectRelayClient(url) },
    pid: child.pid as number,
    stop: () => stopChild(child),
  };
}

async function connectRelayClient(url: string): Promise<ClientLike> {
  const socket: Socket<RelayServerEvents, RelayClientEvents> = io(url, { transports: ['websocket'], forceNew: true });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve).once('connect_error', reject);
  });
  return {
    ask: (text, onText) =>
      new Promise<void>((resolve, reject) => {
        const cleanup = () => socket.off('token', onText).off('done', onDone).off('failed', onFailed);
        const onDone = () => {
          cleanup();
          resolve();
        };
        const onFailed = (message: string) => {
          cleanup();
          reject(new Error(message));
        };
        socket.on('token', onText).on('done', onDone).on('failed', onFailed);
        socket.emit('ask', text);
      }),
    close: () => void socket.close(),
  };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = once(child, 'exit');
  child.kill();
  await exited;
}
