import fs from 'node:fs';
import path from 'node:path';
import { Decimal128, ObjectId } from 'mongodb';
import { connectClient, startTestEngine, tempDataDir } from './support/engine';

// A restart must lose nothing that was acknowledged: documents, their BSON types, deletions,
// collections and indexes (which must still be enforced).
describe('embedded engine persistence', () => {
  const data = tempDataDir();
  afterAll(() => data.remove());

  const logFile = (collection: string): string => path.join(data.dir, 'switchboard', `${collection}.log`);

  it('keeps documents, deletions and enforced indexes across a restart', async () => {
    const id = new ObjectId();
    const first = await startTestEngine(data.dir);
    const client = await connectClient(first.uri);
    const users = client.db().collection('users');
    await users.createIndex({ email: 1 }, { unique: true });
    await users.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 3600 });
    await users.insertMany([
      { _id: id, email: 'a@x.io', joined: new Date('2024-05-01T00:00:00Z'), credit: Decimal128.fromString('1.50') },
      { email: 'b@x.io' },
      { email: 'gone@x.io' },
    ]);
    for (let i = 0; i < 20; i += 1) await users.updateOne({ _id: id }, { $inc: { visits: 1 } });
    await users.deleteOne({ email: 'gone@x.io' });
    await client.db().collection('empty').insertOne({ x: 1 });
    await client.db().collection('empty').deleteMany({});
    await client.close();
    await first.close();

    const second = await startTestEngine(data.dir);
    const again = await connectClient(second.uri);
    try {
      const reopened = again.db().collection('users');
      expect(await reopened.find({}, { projection: { _id: 0, email: 1 } }).toArray()).toEqual([{ email: 'a@x.io' }, { email: 'b@x.io' }]);
      expect(await reopened.findOne({ _id: id })).toEqual({
        _id: id,
        email: 'a@x.io',
        joined: new Date('2024-05-01T00:00:00Z'),
        credit: Decimal128.fromString('1.50'),
        visits: 20,
      });
      const indexes = await reopened.indexes();
      expect(indexes.map((i) => i.name)).toEqual(['_id_', 'email_1', 'expiresAt_1']);
      expect(indexes[2]).toMatchObject({ expireAfterSeconds: 3600 });
      await expect(reopened.insertOne({ email: 'b@x.io' })).rejects.toMatchObject({ code: 11000, keyValue: { email: 'b@x.io' } });
      // Regression: the equality lookup of an indexed field was empty after a restart, so a
      // query by that field found nothing and an upsert by it collided with its own document.
      expect(await reopened.findOne({ email: 'b@x.io' }, { projection: { _id: 0 } })).toEqual({ email: 'b@x.io' });
      await reopened.updateOne({ email: 'b@x.io' }, { $setOnInsert: { fresh: true } }, { upsert: true });
      expect(await reopened.countDocuments({ email: 'b@x.io' })).toBe(1);
      // Re-creating the same indexes after a restart is a no-op, as in MongoDB.
      await reopened.createIndex({ email: 1 }, { unique: true });
      await reopened.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 3600 });
      expect((await again.db().listCollections().toArray()).map((c) => c.name).sort()).toEqual(['empty', 'users']);
      // Reopening compacted the log: one record per live document.
      const { size } = fs.statSync(logFile('users'));
      expect(size).toBeLessThan(400);
    } finally {
      await again.close();
      await second.close();
    }
  });

  it('drops a torn record at the end of a log (a write that crashed mid-way)', async () => {
    fs.appendFileSync(logFile('users'), Buffer.from([0x40, 0x00, 0x00, 0x00, 0x03, 0x6f]));
    const engine = await startTestEngine(data.dir);
    const client = await connectClient(engine.uri);
    try {
      expect(await client.db().collection('users').countDocuments()).toBe(2);
      await client.db().collection('users').insertOne({ email: 'c@x.io' });
    } finally {
      await client.close();
      await engine.close();
    }
    const engineAfter = await startTestEngine(data.dir);
    const clientAfter = await connectClient(engineAfter.uri);
    try {
      expect(await clientAfter.db().collection('users').countDocuments()).toBe(3);
    } finally {
      await clientAfter.close();
      await engineAfter.close();
    }
  });

  it('refuses a second engine on a data directory in use', async () => {
    const engine = await startTestEngine(data.dir);
    try {
      await expect(startTestEngine(data.dir)).rejects.toThrow(/in use/);
    } finally {
      await engine.close();
    }
  });
});
