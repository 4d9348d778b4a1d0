import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createApp, type App } from '../../src/app';
import { bootstrap } from '../../src/bootstrap/bootstrap';
import { loadOrCreateDevCredentials } from '../../src/bootstrap/credentials';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';

export interface TestServer {
  url: string;
  masterKey: string;
  admin: { email: string; password: string };
  demoAgentId: string;
  app: App;
  dataDir: string;
  close(): Promise<void>;
}

export interface TestServerOptions {
  env?: Record<string, string>;
  /** Reuse a data directory (restart tests). */
  dataDir?: string;
}

/** A database name of its own per test server when tests run against a real MONGODB_URI. */
function isolatedMongoUri(): string | undefined {
  const base = process.env.MONGODB_URI;
  if (!base) return undefined;
  const url = new URL(base);
  url.pathname = `/sb_test_${randomBytes(6).toString('hex')}`;
  return url.toString();
}

/**
 * Boots the real app in this process on a free loopback port, with the database resolved as
 * in production (MONGODB_URI if set, else the embedded engine in a temp dir).
 */
export async function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'sb-test-'));
  const mongo = isolatedMongoUri();
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    OFFLINE_WORD_DELAY_MS: '0',
    LLM_RETRY_BASE_MS: '20',
    // A suite's teardown doesn't wait for replies it left streaming (the drain has its own test).
    SHUTDOWN_DRAIN_MS: '0',
    // As a user would: tool and MCP servers in tests listen on loopback.
    EGRESS_ALLOW: '127.0.0.0/8,::1,localhost',
    ...(mongo ? { MONGODB_URI: mongo } : {}),
    ...opts.env,
  });
  const app = await createApp(config, createLogger(config.LOG_LEVEL), join(__dirname, '../../../dist'));
  const { url } = await app.listen();
  await bootstrap(app, url);
  const creds = loadOrCreateDevCredentials(dataDir);
  const demo = await app.services.agents.findBySeedKey('demo');
  return {
    url,
    masterKey: creds.masterKey,
    admin: { email: creds.adminEmail, password: creds.adminPassword },
    demoAgentId: demo?._id.toHexString() ?? '',
    app,
    dataDir,
    async close() {
      await app.stop();
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
