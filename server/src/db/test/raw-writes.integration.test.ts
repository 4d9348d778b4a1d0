import mongoose, { Schema, Types, type Connection } from 'mongoose';
import type { EmbeddedEngine } from '../embedded-engine/engine-server';
import { insertAll, updateAll } from '../raw-writes';
import { startTestEngine, tempDataDir } from './support/engine';
import { startReplyCutter } from './support/reply-cutter';

// The event log's and the checkpoints' batches: one command per batch, split, and refused as a whole when any write fails.
describe('raw batched writes', () => {
  const data = tempDataDir();
  let engine: EmbeddedEngine;
  let conn: Connection;
  const schema = new Schema({ n: Number, status: String, content: String });
  schema.index({ n: 1 }, { unique: true });
  const Thing = () => conn.model('Thing', schema);

  beforeAll(async () => {
    engine = await startTestEngine(data.dir);
    conn = await mongoose.createConnection(engine.uri, { serverSelectionTimeoutMS: 3_000 }).asPromise();
    await Thing().init();
  });

  afterAll(async () => {
    await conn.close();
    await engine.close();
    data.remove();
  });

  it('inserts every document over several commands, in order', async () => {
    const docs = Array.from({ length: 250 }, (_, n) => ({ _id: new Types.ObjectId(), n, status: n % 2 ? 'streaming' : 'complete', content: '' }));
    await insertAll(Thing(), docs, 100);
    const stored = await Thing().find().sort({ n: 1 }).lean();
    expect(stored.map((d) => d.n)).toEqual(docs.map((d) => d.n));
  });

  it('fails the batch when a write is refused, keeping the others (unordered)', async () => {
    const fresh = { _id: new Types.ObjectId(), n: 1000, status: 'streaming', content: '' };
    await expect(insertAll(Thing(), [{ _id: new Types.ObjectId(), n: 0 }, fresh])).rejects.toThrow(/1 inserts failed/);
    expect(await Thing().countDocuments({ n: 1000 })).toBe(1);
  });

  it('applies conditional updates over several commands, and only where the filter still matches', async () => {
    const all = await Thing().find({ n: { $lt: 250 } }).lean();
    await updateAll(Thing(), all.map((d) => ({ q: { _id: d._id, status: 'streaming' }, u: { $set: { content: `text ${d.n}` } } })), 40);
    const after = await Thing().find({ n: { $lt: 250 } }).sort({ n: 1 }).lean();
    expect(after.filter((d) => d.content).map((d) => d.n)).toEqual(after.filter((d) => d.status === 'streaming').map((d) => d.n));
    expect(after.find((d) => d.n === 3)?.content).toBe('text 3');
    expect(after.find((d) => d.n === 4)?.content).toBe('');
  });

  it("sends the connection's write concern with each command, as the driver's own writes do", async () => {
    const strict = await mongoose.createConnection(engine.uri, { serverSelectionTimeoutMS: 3_000, monitorCommands: true, writeConcern: { w: 1, journal: true, wtimeoutMS: 2_000 } }).asPromise();
    const seen: { name: string; writeConcern: unknown }[] = [];
    strict.getClient().on('commandStarted', (e) => seen.push({ name: e.commandName, writeConcern: (e.command as { writeConcern?: unknown }).writeConcern }));
    try {
      const model = strict.model('Thing', schema);
      await insertAll(model, [{ _id: new Types.ObjectId(), n: 5000, status: 'streaming', content: '' }]);
      await updateAll(model, [{ q: { n: 5000 }, u: { $set: { content: 'checked' } } }]);
      expect(seen.filter((c) => c.name === 'insert' || c.name === 'update')).toEqual([
        { name: 'insert', writeConcern: { w: 1, wtimeout: 2_000, j: true } },
        { name: 'update', writeConcern: { w: 1, wtimeout: 2_000, j: true } },
      ]);
    } finally {
      await strict.close();
    }
  });
  describe('when the reply to a write is lost (the write itself stored)', () => {
    it('retries the insert once, and what the first attempt stored counts as stored: each document once', async () => {
      const cutter = await startReplyCutter(engine.uri);
      const through = await mongoose.createConnection(cutter.uri, { serverSelectionTimeoutMS: 3_000 }).asPromise();
      try {
        const model = through.model('Thing', schema);
        const docs = Array.from({ length: 30 }, (_, i) => ({ _id: new Types.ObjectId(), n: 7000 + i, status: 'streaming', content: '' }));
        cutter.arm('insert');
        await insertAll(model, docs);
        expect(cutter.cuts).toBe(1);
        const stored = await Thing().find({ n: { $gte: 7000, $lt: 7100 } }).sort({ n: 1 }).lean();
        expect(stored.map((d) => String(d._id))).toEqual(docs.map((d) => String(d._id)));
      } finally {
        await through.close();
        await cutter.close();
      }
    });

    it('still refuses a document another write stored first, after a retry', async () => {
      const cutter = await startReplyCutter(engine.uri);
      const through = await mongoose.createConnection(cutter.uri, { serverSelectionTimeoutMS: 3_000 }).asPromise();
      try {
        const model = through.model('Thing', schema);
        // n 7000 exists (another _id): refused on the first attempt, and on the retry as a duplicate of n — not of _id.
        cutter.arm('insert');
        await expect(insertAll(model, [{ _id: new Types.ObjectId(), n: 7000 }])).rejects.toThrow(/1 inserts failed/);
        expect(cutter.cuts).toBe(1);
        expect(await Thing().countDocuments({ n: 7000 })).toBe(1);
      } finally {
        await through.close();
        await cutter.close();
      }
    });

    it('retries the update once: the values are set, as asked', async () => {
      const cutter = await startReplyCutter(engine.uri);
      const through = await mongoose.createConnection(cutter.uri, { serverSelectionTimeoutMS: 3_000 }).asPromise();
      try {
        const model = through.model('Thing', schema);
        cutter.arm('update');
        await updateAll(model, [7001, 7002].map((n) => ({ q: { n }, u: { $set: { content: `retried ${n}` } } })));
        expect(cutter.cuts).toBe(1);
        const after = await Thing().find({ n: { $in: [7001, 7002] } }).sort({ n: 1 }).lean();
        expect(after.map((d) => d.content)).toEqual(['retried 7001', 'retried 7002']);
      } finally {
        await through.close();
        await cutter.close();
      }
    });
  });
});
