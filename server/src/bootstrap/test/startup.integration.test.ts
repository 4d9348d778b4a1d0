// Regression: /readyz said 200 before first-run setup was done, and SIGTERM/SIGINT were only
// handled once it was: a stop in that window killed the process mid-seed without the drain,
// and two such cycles left no demo agent.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../../test/support/processes';

const root = join(__dirname, '../../../..');
const MASTER = 'sk_startup_test_master_key_0123456789';

interface Started {
  child: ChildProcess;
  url: string;
  output: () => string;
}

async function spawnServer(dataDir: string): Promise<Started> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'server/src/index.ts')], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'test', HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'info', DATA_DIR: dataDir, CHAT_MASTER_KEY: MASTER, SHUTDOWN_DRAIN_MS: '500' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  return { child, url: `http://127.0.0.1:${port}`, output: () => out };
}

const get = (url: string, path: string) =>
  fetch(`${url}${path}`, { headers: { authorization: `Bearer ${MASTER}` } }).then(
    async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }),
    () => null,
  );

describe('start-up: ready only when set up, signals handled from the first moment', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'sb-startup-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('a SIGTERM at any moment of start-up ends the process cleanly (exit 0), and the next start is complete', async () => {
    // Stopped while it connects to the database, and again once it answers HTTP but is still setting up.
    for (const when of ['connecting to the database', 'when it first answers']) {
      const s = await spawnServer(dataDir);
      if (when === 'connecting to the database') for (let i = 0; i < 1500 && !s.output().includes('embedded MongoDB-compatible engine'); i++) await new Promise((r) => setTimeout(r, 10));
      else for (let i = 0; i < 1500 && !(await get(s.url, '/healthz')); i++) await new Promise((r) => setTimeout(r, 10));
      s.child.kill('SIGTERM');
      const [code, signal] = (await once(s.child, 'exit')) as [number | null, string | null];
      expect([when, code, signal]).toEqual([when, 0, null]);
    }

    const s = await spawnServer(dataDir);
    try {
      // Never ready before the demo is there: at the first 200 the agent and its documents exist.
      let ready = null;
      const seen = new Set<string>();
      for (let i = 0; i < 1500 && !ready; i++) {
        const r = await get(s.url, '/readyz');
        if (r) seen.add(r.status === 200 ? 'ready' : String((r.body.error as { code?: string } | undefined)?.code));
        if (r?.status === 200) ready = r;
        else await new Promise((res) => setTimeout(res, 20));
      }
      expect(ready).not.toBeNull();
      const agents = await get(s.url, '/v1/agents');
      expect((agents?.body.agents as { name: string }[]).map((a) => a.name)).toContain('Acme Assistant');
      const kbs = await get(s.url, '/v1/knowledge-bases');
      expect((kbs?.body.knowledgeBases as { name: string; documentCount: number }[]).find((k) => k.name === 'Acme Outdoor help centre')?.documentCount).toBe(4);
      // Whatever was seen before ready was `starting` (or nothing), never a false 200.
      for (const state of seen) expect(['ready', 'starting']).toContain(state);
    } finally {
      s.child.kill('SIGTERM');
      await once(s.child, 'exit');
    }
  }, 90_000);

  it('in production it refuses to start without the keys that protect stored secrets, and says how to make them', async () => {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(port), DATA_DIR: dataDir, CHAT_MASTER_KEY: MASTER };
    delete env.WEBHOOK_SECRET_KEY;
    delete env.AUTH_SECRET;
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'server/src/index.ts')], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(2);
    expect(out).toContain('NODE_ENV=production needs WEBHOOK_SECRET_KEY and AUTH_SECRET');
    expect(out).toContain('randomBytes(32)');
  }, 30_000);
});
