import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const MODULE = join(__dirname, '..', 'credentials.ts');

/** One process that waits for `at` (ms since the epoch) and prints the credentials it got. */
const child = (dataDir: string, at: number) =>
  run(process.execPath, [
    '--import',
    'tsx',
    '-e',
    `const { loadOrCreateDevCredentials } = require(${JSON.stringify(MODULE)});
     while (Date.now() < ${at});
     process.stdout.write(JSON.stringify(loadOrCreateDevCredentials(${JSON.stringify(dataDir)})));`,
  ]);

describe('development credentials', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'sb-creds-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('are the same for processes starting together on one DATA_DIR, none reading a half-written file', async () => {
    const at = Date.now() + 4_000;
    const outputs = await Promise.all(Array.from({ length: 6 }, () => child(dataDir, at)));
    const creds = outputs.map(({ stdout }) => JSON.parse(stdout) as { masterKey: string });
    expect(new Set(creds.map((c) => c.masterKey)).size).toBe(1);
    expect(creds[0]?.masterKey).toMatch(/^sk_sb_master_/);
    // Only the file itself is left behind, readable by its owner alone.
    expect(readdirSync(dataDir)).toEqual(['credentials.json']);
    expect(statSync(join(dataDir, 'credentials.json')).mode & 0o777).toBe(0o600);
    const again = JSON.parse((await child(dataDir, 0)).stdout) as { masterKey: string };
    expect(again.masterKey).toBe(creds[0]?.masterKey);
  });
});
