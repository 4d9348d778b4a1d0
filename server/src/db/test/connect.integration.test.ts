import { MongoClient } from 'mongodb';
import pino from 'pino';
import { resolveDatabase, type DbLogger } from '../connect';
import { tempDataDir } from './support/engine';

function recordingLogger(): DbLogger & { warnings: unknown[] } {
  const warnings: unknown[] = [];
  return { warnings, info: () => undefined, warn: (...args: unknown[]) => warnings.push(args), error: () => undefined };
}

describe('resolveDatabase', () => {
  const data = tempDataDir();
  afterAll(() => data.remove());

  it('uses MONGODB_URI as is and starts nothing', async () => {
    const db = await resolveDatabase({ mongodbUri: 'mongodb://db.example:27017/app', dataDir: data.dir, logger: recordingLogger() });
    expect(db).toMatchObject({ uri: 'mongodb://db.example:27017/app', kind: 'uri' });
    await db.stop();
  });

  it('falls through to the embedded engine when there is no URI and no mongod', async () => {
    const logger = recordingLogger();
    const db = await resolveDatabase({ dataDir: data.dir, logger, mongodBinary: 'switchboard-no-such-mongod' });
    try {
      expect(db.kind).toBe('embedded');
      expect(db.uri).toMatch(/^mongodb:\/\/127\.0\.0\.1:\d+\/switchboard$/);
      expect(JSON.stringify(logger.warnings)).toMatch(/development\/test fallback, not for production/);
      const client = await MongoClient.connect(db.uri, { serverSelectionTimeoutMS: 3_000 });
      await client.db().collection('probe').insertOne({ ok: true });
      expect(await client.db().collection('probe').countDocuments()).toBe(1);
      await client.close();
    } finally {
      await db.stop();
    }
  });

  it('accepts a pino logger', async () => {
    const logger = pino({ level: 'silent' });
    const db = await resolveDatabase({ dataDir: data.dir, logger, mongodBinary: null });
    expect(db.kind).toBe('embedded');
    await db.stop();
  });
});
