/**
 * The front door, as a person meets it (issue 22): `npm start` prints one clean banner with no
 * log line before it, and Ctrl+C — which reaches the server twice under npm, once from the
 * terminal (the whole process group) and once forwarded by npm — shuts down gracefully once:
 * before, the echo counted as a second Ctrl+C and cut the drain short, failing the reply in
 * flight. Runs the real `npm start` (without its build step: the suite expects dist/ built).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StreamEnd, WidgetSessionSnapshot } from '../../../shared/src/events';
import { freePort } from '../support/processes';
import { nextEvent, waitUntil, widgetClient, type WidgetClient } from '../support/socket-clients';

jest.setTimeout(90_000);
const root = join(__dirname, '../../..');

describe('npm start: banner and Ctrl+C', () => {
  let dir: string;
  let child: ChildProcess | undefined;
  let widget: WidgetClient | undefined;
  let out = '';

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sb-npm-start-'));
    out = '';
  });
  afterEach(async () => {
    widget?.close();
    if (child && child.exitCode === null && child.signalCode === null && child.pid) {
      process.kill(-child.pid, 'SIGKILL');
      await once(child, 'exit');
    }
    rmSync(dir, { recursive: true, force: true });
  });

  /** Resolves once the server's own process (npm's child) has exited. */
  async function serverExited(pid: number): Promise<void> {
    await waitUntil(() => {
      try {
        process.kill(pid, 0);
        return false;
      } catch {
        return true;
      }
    }, 40_000, 50);
  }

  /** `npm start` in its own process group, as a terminal runs it; resolves once the banner is out. */
  async function npmStart(): Promise<{ url: string; agentId: string; group: number; serverPid: number }> {
    const port = await freePort();
    // As from a developer's shell: no NODE_ENV (jest sets `test`), the default log level.
    const { NODE_ENV: _env, LOG_LEVEL: _level, ...shell } = process.env;
    child = spawn('npm', ['start', '--ignore-scripts'], {
      cwd: root,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Slow typing so a reply is still streaming when Ctrl+C lands; a drain long enough to finish it.
      env: { ...shell, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dir, OFFLINE_WORD_DELAY_MS: '150', SHUTDOWN_DRAIN_MS: '30000' },
    });
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    await waitUntil(() => /Demo agent id:\s+(\w+)/.exec(out), 60_000, 100).catch((err: unknown) => {
      throw new Error(`npm start did not print its banner: ${String(err)}\n${out}`);
    });
    // npm itself stops at the first SIGINT; the server (its child, same process group) drains on.
    const serverPid = Number((await waitUntil(() => /"pid":(\d+),"url"/.exec(out), 20_000))[1]);
    return { url: `http://127.0.0.1:${port}`, agentId: /Demo agent id:\s+(\w+)/.exec(out)?.[1] ?? '', group: child.pid ?? 0, serverPid };
  }

  /** Starts a reply of the demo agent and waits for its first words. */
  async function replyStreaming(url: string, agentId: string): Promise<{ ended: Promise<StreamEnd> }> {
    widget = widgetClient(url, { agentId });
    await nextEvent<WidgetSessionSnapshot>(widget, 'session', 10_000);
    let words = 0;
    widget.on('stream:delta', () => void (words += 1));
    const ended = nextEvent<StreamEnd>(widget, 'stream:end', 30_000);
    expect((await widget.emitWithAck('message:send', { clientMessageId: 'c1', content: 'How long does standard delivery take, and what does express cost?' })).ok).toBe(true);
    await waitUntil(() => words >= 2, 10_000);
    return { ended }; // wrapped: an async function returning a promise would wait for it
  }

  it('prints the banner first, and one Ctrl+C drains the reply in flight, then the server exits', async () => {
    const { url, agentId, group, serverPid } = await npmStart();
    const beforeBanner = out.slice(0, out.indexOf('Switchboard is running'));
    expect(beforeBanner).not.toMatch(/"level"|"msg"/);
    expect(out.match(/Switchboard is running/g)).toHaveLength(1);

    const { ended } = await replyStreaming(url, agentId);
    process.kill(-group, 'SIGINT'); // Ctrl+C: the whole foreground process group (npm passes it on too)
    expect((await ended).message.status).toBe('complete');
    await serverExited(serverPid);
    expect(out).not.toContain('cutting the drain short');
    expect(out).not.toContain('shutdown failed');
    expect(out.match(/"msg":"shutting down"/g)).toHaveLength(1);
  });

  it('Ctrl+C pressed again, later, still cuts the drain short', async () => {
    const { url, agentId, group, serverPid } = await npmStart();
    const { ended } = await replyStreaming(url, agentId);
    process.kill(-group, 'SIGINT');
    await new Promise((r) => setTimeout(r, 1_300));
    process.kill(serverPid, 'SIGINT');
    expect((await ended).message.status).toBe('failed');
    await serverExited(serverPid);
    expect(out).toContain('cutting the drain short');
  });
});
