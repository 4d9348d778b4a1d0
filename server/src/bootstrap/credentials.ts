import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SettingModel } from '../db/models/setting.model';

export interface DevCredentials {
  masterKey: string;
  adminEmail: string;
  adminPassword: string;
}

/**
 * Development convenience: the generated master key and first admin login are kept in
 * DATA_DIR/credentials.json (mode 0600) so every `npm start` can print them again.
 * Production sets CHAT_MASTER_KEY and creates its own operators.
 *
 * Several processes may start on one DATA_DIR at once (`npm run cluster`): the file is written
 * whole under a temporary name and then linked into place, which fails if another process got
 * there first. So nobody reads a half-written file, and every process ends up with the same
 * credentials.
 */
export function loadOrCreateDevCredentials(dataDir: string): DevCredentials {
  const file = join(dataDir, 'credentials.json');
  if (existsSync(file)) return readCredentials(file);
  const creds: DevCredentials = {
    masterKey: `sk_sb_master_${randomBytes(24).toString('base64url')}`,
    adminEmail: 'admin@switchboard.local',
    adminPassword: randomBytes(9).toString('base64url'),
  };
  mkdirSync(dataDir, { recursive: true });
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(draft, JSON.stringify(creds, null, 2), { mode: 0o600 });
  try {
    linkSync(draft, file);
    return creds;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return readCredentials(file);
  } finally {
    rmSync(draft, { force: true });
  }
}

const readCredentials = (file: string): DevCredentials => JSON.parse(readFileSync(file, 'utf8')) as DevCredentials;

/** A value generated once per installation and shared by every process (the auth secret). */
export async function installationSecret(name: string): Promise<string> {
  const candidate = randomBytes(32).toString('hex');
  await SettingModel.updateOne({ _id: name }, { $setOnInsert: { value: candidate } }, { upsert: true });
  const doc = await SettingModel.findById(name).lean();
  return doc?.value ?? candidate;
}
