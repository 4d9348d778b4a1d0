/**
 * The Dockerfile and compose.yaml, checked as far as a machine without a container runtime
 * can: what they reference exists in the built output, the image's runtime dependencies are
 * what `npm ci --omit=dev` installs, and two processes started as the image starts them
 * (`node dist/server/index.js`, the compose file's environment) serve behind one port over a
 * real Redis — with the embedded engine standing in for the `mongo` service and a TCP
 * balancer for the nginx `proxy`. Needs `npm run build` first (dist/).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AgentDto, EventEnvelope, MessageDto, SessionDto } from '../../../shared/src/contract/types';
import { startEmbeddedEngine, type EmbeddedEngine } from '../../src/db/embedded-engine/engine-server';
import { httpClient } from '../support/http-client';
import { freePort } from '../support/processes';
import { describeWithRedis, startRedis, type TestRedis } from '../support/redis';
import { connected, eventsClient, waitUntil } from '../support/socket-clients';
import { startTcpBalancer, type TcpBalancer } from '../support/tcp-balancer';
import { composeServices, dockerStages, execForm, resolvedEnvironment, root } from './deploy-files';

const SECRETS = { CHAT_MASTER_KEY: 'sk_sb_deploy_test_master_key_0123456789abcdef', AUTH_SECRET: 'a'.repeat(43), WEBHOOK_SECRET_KEY: 'w'.repeat(43) };
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; scripts: Record<string, string> };
const switchboardServices = () => Object.entries(composeServices()).filter(([, s]) => s.build === '.');

describe('Dockerfile', () => {
  const stages = dockerStages();
  const final = stages[stages.length - 1] ?? [];
  const of = (op: string) => final.filter((i) => i.op === op);

  it('is multi-stage; the image installs runtime dependencies only, runs as a non-root user, and starts the built server', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(stages.flat().some((i) => i.op === 'RUN' && /npm ci\b.*--omit=dev/.test(i.args))).toBe(true);
    expect(stages.flat().some((i) => i.op === 'RUN' && /npm run build/.test(i.args))).toBe(true);
    expect(pkg.scripts.build).toBeDefined();
    const user = of('USER').at(-1)?.args;
    expect(user && !['root', '0'].includes(user)).toBe(true);
    const cmd = execForm(of('CMD').at(-1)?.args ?? '[]');
    expect(cmd).toEqual(['node', 'dist/server/index.js']);
    expect(existsSync(join(root, cmd[1] as string))).toBe(true);
    // What the image copies from the repository exists; the build output it copies is dist/.
    for (const copy of stages.flat().filter((i) => i.op === 'COPY' && !i.args.includes('--from'))) {
      for (const src of copy.args.split(/\s+/).filter((a) => !a.startsWith('--')).slice(0, -1)) if (src !== '.') expect(existsSync(join(root, src))).toBe(true);
    }
    expect(final.some((i) => i.op === 'COPY' && /--from=build\b.*\/app\/dist\b/.test(i.args))).toBe(true);
    const ignored = readFileSync(join(root, '.dockerignore'), 'utf8').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'dist']));
  });

  it('the server bundle requires only Node built-ins and production dependencies (what --omit=dev leaves)', () => {
    const bundle = readFileSync(join(root, 'dist/server/index.js'), 'utf8');
    const required = new Set([...bundle.matchAll(/require\("([^"./][^"]*)"\)/g)].map((m) => m[1] as string));
    expect(required.size).toBeGreaterThan(5);
    const packageOf = (id: string) => (id.startsWith('@') ? id.split('/').slice(0, 2).join('/') : (id.split('/')[0] as string));
    const missing = [...required].filter((id) => !isBuiltin(id)).map(packageOf).filter((name) => !(name in pkg.dependencies));
    expect(missing).toEqual([]);
  });

  it('has a health check on /readyz', () => {
    expect(of('HEALTHCHECK').at(-1)?.args).toMatch(/\/readyz/);
  });
});

describe('compose.yaml', () => {
  it('runs MongoDB, Redis and two Switchboard processes behind one proxy port', () => {
    const services = composeServices();
    expect(services.mongo?.image).toMatch(/^mongo:/);
    expect(services.redis?.image).toMatch(/^redis:/);
    const apps = switchboardServices();
    expect(apps).toHaveLength(2);
    const proxy = services.proxy;
    expect(proxy?.ports).toHaveLength(1);
    const [, containerPort] = /:(\d+)$/.exec(proxy?.ports?.[0] ?? '') ?? [];
    const confMount = proxy?.volumes?.find((v) => v.includes('nginx.conf'))?.split(':')[0] ?? '';
    const conf = readFileSync(join(root, confMount), 'utf8');
    expect(conf).toMatch(new RegExp(`listen\\s+${containerPort};`));
    // The upstream names each process on the port it listens on.
    const upstream = [...conf.matchAll(/^\s*server\s+([\w-]+):(\d+);/gm)].map((m) => `${m[1]}:${m[2]}`);
    expect(upstream.sort()).toEqual(apps.map(([name, s]) => `${name}:${s.environment?.PORT}`).sort());
    expect(conf).toMatch(/proxy_set_header\s+Upgrade/);
  });

  it('refuses to start without the production secrets, naming each; the server itself refuses them missing too', () => {
    const [, app] = switchboardServices()[0] ?? [];
    expect(app).toBeDefined();
    for (const name of Object.keys(SECRETS)) {
      expect(() => resolvedEnvironment(app ?? {}, { ...SECRETS, [name]: undefined })).toThrow(name);
    }
    const env = { ...resolvedEnvironment(app ?? {}, SECRETS), AUTH_SECRET: '' };
    const run = spawnSync(process.execPath, ['dist/server/index.js'], { cwd: root, env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8', timeout: 20_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/NODE_ENV=production needs AUTH_SECRET/);
  });
});

describeWithRedis('the image’s command with the compose environment: two processes, one port', () => {
  let dir: string;
  let engine: EmbeddedEngine;
  let redis: TestRedis;
  let balancer: TcpBalancer;
  const processes: { child: ChildProcess; url: string; output: () => string }[] = [];

  /** `node dist/server/index.js` with exactly the compose service's environment (plus PATH), network addresses pointed here. */
  async function startAsImage(serviceEnv: Record<string, string>) {
    const port = await freePort();
    const env = { PATH: process.env.PATH ?? '', ...serviceEnv, HOST: '127.0.0.1', PORT: String(port), MONGODB_URI: engine.uri, REDIS_URL: redis.url, DATA_DIR: dir, LOG_LEVEL: 'warn' };
    const child = spawn(process.execPath, execForm(dockerStages().at(-1)?.find((i) => i.op === 'CMD')?.args ?? '[]').slice(1), { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    const started = { child, url: `http://127.0.0.1:${port}`, output: () => out };
    processes.push(started);
    return started;
  }

  /** Waits for the process's /readyz to answer 200, and returns its body. */
  const readyz = (p: (typeof processes)[number]) =>
    waitUntil(async () => {
      if (p.child.exitCode !== null) throw new Error(`exited:\n${p.output()}`);
      const res = await fetch(`${p.url}/readyz`).catch(() => null);
      return res?.ok ? ((await res.json()) as { ok: boolean; redis?: string }) : null;
    }, 60_000);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sb-deploy-'));
    [engine, redis] = await Promise.all([startEmbeddedEngine({ dataDir: join(dir, 'db') }), startRedis()]);
    const [a, b] = await Promise.all(switchboardServices().map(([, service]) => startAsImage(resolvedEnvironment(service, SECRETS))));
    balancer = await startTcpBalancer([a?.url ?? '', b?.url ?? '']);
    for (const p of processes) await readyz(p);
  }, 90_000);
  afterAll(async () => {
    await balancer?.close();
    for (const p of processes) {
      if (p.child.exitCode !== null) continue;
      p.child.kill('SIGTERM');
      await once(p.child, 'exit');
    }
    await redis?.stop();
    await engine?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('each process and the shared port answer /readyz (with Redis connected), as the health check does', async () => {
    for (const p of processes) {
      expect(await readyz(p)).toMatchObject({ ok: true, redis: 'connected' });
      // The image's HEALTHCHECK command itself, pointed at this process.
      const healthcheck = execForm(dockerStages().at(-1)?.find((i) => i.op === 'HEALTHCHECK')?.args.replace(/^.*?CMD\s+/, '') ?? '[]');
      const port = new URL(p.url).port;
      expect(spawnSync(process.execPath, healthcheck.slice(1), { env: { PATH: process.env.PATH ?? '', PORT: port }, timeout: 10_000 }).status).toBe(0);
    }
    expect((await fetch(`${balancer.url}/readyz`)).status).toBe(200);
  });

  it('a chat round trip through the shared port, its events reaching a subscriber on the other process', async () => {
    const http = httpClient(balancer.url, SECRETS.CHAT_MASTER_KEY);
    const agent = await http.post<{ agent: AgentDto }>('/v1/agents', { name: 'Deployed', llm: { provider: 'offline', model: 'offline' } });
    expect(agent.status).toBe(201);
    const other = processes[1];
    const events = eventsClient(other?.url ?? '', SECRETS.CHAT_MASTER_KEY);
    const seen: EventEnvelope[] = [];
    events.on('event', (e) => void seen.push(e));
    try {
      await connected(events);
      await events.timeout(5_000).emitWithAck('subscribe', { agentIds: [agent.body.agent.id], types: ['message.completed'] });
      const created = await http.post<{ session: SessionDto }>('/v1/chat/sessions', { agentId: agent.body.agent.id, customerId: '+14155550123', channel: 'sms', reuse: 'open' });
      expect(created.status).toBe(201);
      const sent = await http.post<{ message: MessageDto; reply: MessageDto }>(`/v1/chat/sessions/${created.body.session.id}/messages`, { content: 'Hello there', clientMessageId: 'deploy-1' });
      expect(sent.status).toBe(201);
      expect(sent.body.reply).toMatchObject({ role: 'agent', status: 'complete' });
      expect(sent.body.reply.content.length).toBeGreaterThan(0);
      const relayed = await waitUntil(() => seen.find((e) => e.sessionId === created.body.session.id), 10_000);
      expect((relayed.data as { message: MessageDto }).message.id).toBe(sent.body.reply.id);
    } finally {
      events.disconnect();
    }
  });
});
