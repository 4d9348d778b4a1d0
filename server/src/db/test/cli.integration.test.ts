import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { MongoClient } from 'mongodb';
import { tempDataDir } from './support/engine';

const ROOT = path.resolve(__dirname, '../../../..');

// `npm run db` is read by scripts: its first stdout line must be the URI, and SIGTERM must stop it cleanly.
describe('npm run db', () => {
  const data = tempDataDir();
  afterAll(() => data.remove());

  it('prints its URI first, serves it, and exits 0 on SIGTERM', async () => {
    const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['server/src/db/embedded-engine/cli.ts'], {
      cwd: ROOT,
      env: { ...process.env, DB_PORT: '0', DATA_DIR: data.dir },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const lines = readline.createInterface({ input: child.stdout });
    const firstLine = String((await lines[Symbol.asyncIterator]().next()).value);
    expect(firstLine).toMatch(/^mongodb:\/\/127\.0\.0\.1:\d+\/switchboard$/);

    const client = await MongoClient.connect(firstLine, { serverSelectionTimeoutMS: 3_000 });
    await client.db().collection('probe').insertOne({ ok: 1 });
    expect(await client.db().collection('probe').countDocuments()).toBe(1);
    await client.close();

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
