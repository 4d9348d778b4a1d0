import type { App } from '../app';
import { loadOrCreateDevCredentials } from './credentials';
import { seedDemo } from './demo-seed';
import { ensureDemoTools } from './demo-tools';

/**
 * First-run setup: the master API key, the first admin, and (unless SEED_DEMO=false) the demo
 * agent. Prints what a developer needs to get going.
 */
export async function bootstrap(app: App, url: string): Promise<void> {
  const { config, logger, apiKeys, operators, agents } = app.services;
  const dev = config.NODE_ENV !== 'production';
  const creds = dev ? loadOrCreateDevCredentials(config.DATA_DIR) : null;
  const masterKey = config.CHAT_MASTER_KEY ?? creds?.masterKey;
  if (masterKey) await apiKeys.ensureMaster(masterKey);
  else logger.warn('CHAT_MASTER_KEY is not set: no master API key is accepted');

  if (creds && (await operators.count()) === 0) {
    await operators.create({ email: creds.adminEmail, name: 'Admin', password: creds.adminPassword, role: 'admin' }).catch(() => undefined);
  }
  const demo = config.SEED_DEMO ? await seedDemo(agents, app.knowledge) : null;
  // The demo's tools call this server's own demo shop API, so they need its URL (known only now).
  if (demo) await ensureDemoTools(agents, demo.agentId, url).catch((err: unknown) => logger.warn({ err }, 'the demo agent did not get its tools this time; the next start tries again'));
  app.markSetUp();

  const lines = [
    '',
    `  Switchboard is running at ${url}`,
    demo ? `  Demo page:        ${url}/demo` : null,
    `  Operator console: ${url}/console`,
    creds ? `  Admin login:      ${creds.adminEmail} / ${creds.adminPassword}` : null,
    masterKey && !config.CHAT_MASTER_KEY ? `  Master API key:   ${masterKey}` : null,
    demo ? `  Demo agent id:    ${demo.agentId}` : null,
    app.database.kind === 'embedded' ? `  Database:         embedded development engine (${config.DATA_DIR}/db) — set MONGODB_URI for production` : null,
    '',
  ].filter((l): l is string => l !== null);
  if (config.LOG_LEVEL !== 'silent') process.stdout.write(`${lines.join('\n')}\n`);
}
