import { randomBytes } from 'node:crypto';
import { SettingModel } from '../../db/models/setting.model';
import { isDuplicateKey } from '../../db/duplicate-key';

const SETTING_ID = 'demo:tool-secret';

/**
 * The secret the demo agent's tools sign their requests with, and the demo endpoint checks,
 * as a real integrator's endpoint would. Generated once per installation and kept in the
 * database, so every process (and every restart) agrees on it. Read on each demo request
 * rather than cached: the demo sees little traffic, and a cache would outlive a test's database.
 */
export async function demoToolSecret(): Promise<string> {
  const stored = await SettingModel.findById(SETTING_ID).lean();
  if (stored) return stored.value;
  await SettingModel.updateOne({ _id: SETTING_ID }, { $setOnInsert: { value: randomBytes(24).toString('hex') } }, { upsert: true }).catch((err: unknown) => {
    if (!isDuplicateKey(err)) throw err; // another process created it at the same moment
  });
  const created = await SettingModel.findById(SETTING_ID).lean();
  if (!created) throw new Error('demo tool secret missing after upsert');
  return created.value;
}
