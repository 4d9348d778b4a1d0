import mongoose, { Schema, type Connection } from 'mongoose';
import type { EmbeddedEngine } from '../embedded-engine/engine-server';
import { startTestEngine, tempDataDir } from './support/engine';

// Mongoose drives the engine the way the app does: autoCreate, autoIndex, timestamps, upserts.
describe('embedded engine with mongoose', () => {
  const data = tempDataDir();
  let engine: EmbeddedEngine;
  let conn: Connection;

  const sessionSchema = new Schema(
    {
      customerId: { type: String, required: true },
      mode: { type: String, enum: ['ai', 'support'], default: 'ai' },
      lastSeq: { type: Number, default: 0 },
      metadata: { type: Schema.Types.Mixed, default: {} },
      closedAt: { type: Date, default: null },
      tokenHash: { type: String, required: true },
    },
    { timestamps: true, minimize: false },
  );
  sessionSchema.index({ tokenHash: 1 }, { unique: true });
  sessionSchema.index({ createdAt: -1, _id: -1 });

  const messageSchema = new Schema(
    {
      sessionId: { type: Schema.Types.ObjectId, required: true },
      seq: { type: Number, required: true },
      content: { type: String, default: '' },
      dedupeKey: { type: String },
    },
    { timestamps: true },
  );
  messageSchema.index({ sessionId: 1, seq: 1 }, { unique: true });
  messageSchema.index({ dedupeKey: 1 }, { unique: true, sparse: true });

  const defineModels = (c: Connection) => ({ Session: c.model('Session', sessionSchema), Message: c.model('Message', messageSchema) });
  let models: ReturnType<typeof defineModels>;

  beforeAll(async () => {
    engine = await startTestEngine(data.dir);
    conn = await mongoose.createConnection(engine.uri, { serverSelectionTimeoutMS: 3_000 }).asPromise();
    models = defineModels(conn);
    await Promise.all([models.Session.init(), models.Message.init()]);
  });

  afterAll(async () => {
    await conn.close();
    await engine.close();
    data.remove();
  });

  const Session = () => models.Session;
  const Message = () => models.Message;

  it('creates documents with defaults and timestamps and reads them back', async () => {
    const created = await Session().create({ customerId: 'c1', tokenHash: 'h1', metadata: { plan: 'pro' } });
    const found = await Session().findById(created._id).lean();
    expect(found).toMatchObject({ customerId: 'c1', mode: 'ai', lastSeq: 0, metadata: { plan: 'pro' }, closedAt: null });
    expect(found?.createdAt).toBeInstanceOf(Date);
    expect(String(found?._id)).toBe(String(created._id));
  });

  it('builds schema indexes and raises 11000 on mongoose create', async () => {
    const names = (await Session().listIndexes()).map((i: { name: string }) => i.name);
    expect(names).toEqual(expect.arrayContaining(['_id_', 'tokenHash_1', 'createdAt_-1__id_-1']));
    await Session().create({ customerId: 'c2', tokenHash: 'dup' });
    const error = await Session()
      .create({ customerId: 'c3', tokenHash: 'dup' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'MongoServerError', code: 11000, keyPattern: { tokenHash: 1 }, keyValue: { tokenHash: 'dup' } });
  });

  it('pages by createdAt and _id with sort, limit and $or', async () => {
    const base = Date.now();
    for (let i = 0; i < 5; i += 1) await Session().create({ customerId: 'pager', tokenHash: `p${i}`, createdAt: new Date(base + i * 1000) });
    const first = await Session().find({ customerId: 'pager' }).sort({ createdAt: -1, _id: -1 }).limit(2).lean();
    const last = first[first.length - 1];
    const next = await Session()
      .find({ customerId: 'pager', $or: [{ createdAt: { $lt: last.createdAt } }, { createdAt: last.createdAt, _id: { $lt: last._id } }] })
      .sort({ createdAt: -1, _id: -1 })
      .limit(2)
      .lean();
    expect([...first, ...next].map((s) => s.tokenHash)).toEqual(['p4', 'p3', 'p2', 'p1']);
  });

  it('updates conditionally with findOneAndUpdate', async () => {
    const s = await Session().create({ customerId: 'c4', tokenHash: 'h4' });
    const taken = await Session().findOneAndUpdate({ _id: s._id, mode: 'ai' }, { $set: { mode: 'support' } }, { returnDocument: 'after' }).lean();
    expect(taken).toMatchObject({ mode: 'support' });
    const again = await Session().findOneAndUpdate({ _id: s._id, mode: 'ai' }, { $set: { mode: 'support' } }, { returnDocument: 'after' }).lean();
    expect(again).toBeNull();
    const closed = await Session().findOneAndUpdate({ _id: s._id, closedAt: null }, { $set: { closedAt: new Date() } }, { returnDocument: 'after' }).lean();
    expect(closed?.closedAt).toBeInstanceOf(Date);
  });

  it('assigns per-session seq 1..50 under 50 concurrent $inc updates', async () => {
    const s = await Session().create({ customerId: 'c5', tokenHash: 'h5' });
    const befores = await Promise.all(
      Array.from({ length: 50 }, () => Session().findOneAndUpdate({ _id: s._id }, { $inc: { lastSeq: 1 } }, { returnDocument: 'before' }).lean()),
    );
    const seqs = befores.map((b) => (b?.lastSeq as number) + 1).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    await Message().insertMany(seqs.map((seq) => ({ sessionId: s._id, seq })));
    expect(await Message().countDocuments({ sessionId: s._id })).toBe(50);
    await expect(Message().create({ sessionId: s._id, seq: 7 })).rejects.toMatchObject({ code: 11000 });
  });

  it('stores a clientMessageId once through the sparse unique dedupe key', async () => {
    const sessionId = new mongoose.Types.ObjectId();
    await Message().create({ sessionId, seq: 1, dedupeKey: `${sessionId}:m1` });
    await Message().create({ sessionId, seq: 2 });
    await Message().create({ sessionId, seq: 3 });
    await expect(Message().create({ sessionId, seq: 4, dedupeKey: `${sessionId}:m1` })).rejects.toMatchObject({ code: 11000 });
  });

  it('upserts with $setOnInsert, aggregates and deletes', async () => {
    await Session().updateOne({ tokenHash: 'upserted' }, { $setOnInsert: { customerId: 'c6' } }, { upsert: true });
    await Session().updateOne({ tokenHash: 'upserted' }, { $setOnInsert: { customerId: 'ignored' } }, { upsert: true });
    expect(await Session().findOne({ tokenHash: 'upserted' }).lean()).toMatchObject({ customerId: 'c6' });
    const byMode = await Session().aggregate<{ _id: string; n: number }>([{ $group: { _id: '$mode', n: { $sum: 1 } } }, { $sort: { _id: 1 } }]);
    expect(byMode.map((r) => r._id)).toEqual(['ai', 'support']);
    expect((await Session().deleteMany({ customerId: 'pager' })).deletedCount).toBe(5);
    expect(await Session().distinct('customerId', { customerId: /^c[1-2]$/ })).toEqual(['c1', 'c2']);
  });
});
