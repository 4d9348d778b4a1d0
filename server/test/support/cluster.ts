import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedEngine, type EmbeddedEngine } from '../../src/db/embedded-engine/engine-server';
import { startFakeLlm, type FakeLlm } from './fake-llm-server';
import { httpClient } from './http-client';
import { startServerProcess, type ServerProcess } from './processes';
import { startRedis, type TestRedis } from './redis';

export const CLUSTER_MASTER_KEY = 'sk_sb_master_cluster_test_key_0123456789';

export interface TestCluster {
  dir: string;
  redis: TestRedis;
  llm: FakeLlm;
  a: ServerProcess;
  b: ServerProcess;
  /** The environment every server process of this cluster gets. */
  env: Record<string, string>;
  /** An agent answering through the fake model. */
  agentId: string;
  engine(): EmbeddedEngine;
  /** Stops the database engine and starts it again on the same port and data. */
  stopEngine(): Promise<void>;
  startEngine(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Two server processes sharing one embedded database and one Redis, with a fake model:
 * the setup of the multi-process suites.
 */
export async function startCluster(extraEnv: Record<string, string> = {}): Promise<TestCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'sb-cluster-'));
  let engine = await startEmbeddedEngine({ dataDir: join(dir, 'db') });
  const port = engine.port;
  const redis = await startRedis();
  const llm = await startFakeLlm();
  const env = { MONGODB_URI: engine.uri, REDIS_URL: redis.url, CHAT_MASTER_KEY: CLUSTER_MASTER_KEY, OPENAI_BASE_URL: llm.url, OPENAI_API_KEY: 'test', SEED_DEMO: 'false', DATA_DIR: dir, ...extraEnv };
  const [a, b] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
  const agent = await httpClient(a.url, CLUSTER_MASTER_KEY).post<{ agent: { id: string } }>('/v1/agents', { name: 'Cluster', llm: { provider: 'openai', model: 'fake' } });
  return {
    dir,
    redis,
    llm,
    a,
    b,
    env,
    agentId: agent.body.agent.id,
    engine: () => engine,
    stopEngine: () => engine.close(),
    async startEngine() {
      engine = await startEmbeddedEngine({ dataDir: join(dir, 'db'), port });
    },
    async stop() {
      await Promise.all([a.stop(), b.stop()]);
      await llm.close();
      await redis.stop();
      await engine.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
