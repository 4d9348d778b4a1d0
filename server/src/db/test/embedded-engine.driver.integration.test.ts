import { Binary, Decimal128, Long, MongoClient, MongoServerError, ObjectId, type Db } from 'mongodb';
import type { EmbeddedEngine } from '../embedded-engine/engine-server';
import { connectClient, startTestEngine, tempDataDir } from './support/engine';

interface Cart {
  items?: { sku: string; qty: number }[];
  total?: number;
  owner?: string;
  createdBy?: string;
  flagged?: boolean;
  replaced?: boolean;
}

// The official driver against the embedded engine: everything here must behave as on mongod.
describe('embedded engine with the mongodb driver', () => {
  const data = tempDataDir();
  let engine: EmbeddedEngine;
  let client: MongoClient;
  let db: Db;

  beforeAll(async () => {
    engine = await startTestEngine(data.dir, { ttlSweepIntervalMs: 50 });
    client = await connectClient(engine.uri);
    db = client.db();
  });

  afterAll(async () => {
    await client.close();
    await engine.close();
    data.remove();
  });

  it('queries with filter, sort, skip, limit and projection', async () => {
    const people = db.collection('people');
    await people.insertMany([
      { name: 'ann', age: 31, city: 'Oslo' },
      { name: 'bob', age: 25, city: 'Rome' },
      { name: 'cid', age: 42, city: 'Oslo' },
      { name: 'dee', age: 19, city: 'Oslo' },
    ]);
    const rows = await people.find({ city: 'Oslo' }, { projection: { _id: 0, name: 1 } }).sort({ age: -1 }).skip(1).limit(2).toArray();
    expect(rows).toEqual([{ name: 'ann' }, { name: 'dee' }]);
    expect(await people.findOne({ age: { $gte: 40 } })).toMatchObject({ name: 'cid' });
  });

  it('hands out batched cursors through getMore and killCursors', async () => {
    const numbers = db.collection('numbers');
    await numbers.insertMany(Array.from({ length: 10 }, (_, i) => ({ i })));
    const cursor = numbers.find({}).sort({ i: 1 }).batchSize(2);
    const seen: number[] = [];
    for await (const doc of cursor) seen.push(doc.i as number);
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);

    const opened = await db.command({ find: 'numbers', filter: {}, batchSize: 2 });
    const cursorId = opened.cursor.id as Long;
    expect(opened.cursor.firstBatch).toHaveLength(2);
    const more = await db.command({ getMore: cursorId, collection: 'numbers', batchSize: 3 });
    expect(more.cursor.nextBatch).toHaveLength(3);
    const killed = await db.command({ killCursors: 'numbers', cursors: [cursorId] });
    expect(killed.cursorsKilled).toEqual([cursorId]);
    await expect(db.command({ getMore: cursorId, collection: 'numbers' })).rejects.toMatchObject({ code: 43, codeName: 'CursorNotFound' });
  });

  it('keeps BSON types and compares ObjectIds and dates', async () => {
    const things = db.collection('things');
    const [early, late] = [new Date('2024-01-01T00:00:00Z'), new Date('2025-01-01T00:00:00Z')];
    const ids = [new ObjectId(), new ObjectId(), new ObjectId()];
    await things.insertMany([
      { _id: ids[1], createdAt: late, big: Long.fromString('9007199254740993'), price: Decimal128.fromString('9.99'), blob: new Binary(Buffer.from('hi')) },
      { _id: ids[0], createdAt: early },
      { _id: ids[2], createdAt: new Date('2026-01-01T00:00:00Z') },
    ]);
    const found = await things.findOne({ _id: new ObjectId(ids[1].toHexString()) }, { promoteLongs: false });
    expect(found?.big).toEqual(Long.fromString('9007199254740993'));
    expect(found?.price).toEqual(Decimal128.fromString('9.99'));
    expect(Buffer.from((found?.blob as Binary).buffer).toString()).toBe('hi');
    expect(found?.createdAt).toEqual(late);
    expect((await things.find({ createdAt: { $lt: late } }).toArray()).map((d) => d._id)).toEqual([ids[0]]);
    expect((await things.find().sort({ createdAt: -1 }).toArray()).map((d) => d._id)).toEqual([ids[2], ids[1], ids[0]]);
    expect((await things.find().sort({ _id: 1 }).toArray()).map((d) => d._id)).toEqual(ids);
    expect(await things.countDocuments({ _id: { $in: [ids[0], ids[2]] } })).toBe(2);
  });

  it('updates with operators, upserts and arrayFilters', async () => {
    const carts = db.collection<Cart>('carts');
    const { insertedId } = await carts.insertOne({ items: [{ sku: 'a', qty: 1 }, { sku: 'b', qty: 1 }], total: 0 });
    await carts.updateOne({ _id: insertedId }, { $inc: { total: 5 }, $set: { 'items.$[it].qty': 3 } }, { arrayFilters: [{ 'it.sku': 'b' }] });
    await carts.updateOne({ _id: insertedId }, { $push: { items: { sku: 'c', qty: 2 } } });
    expect(await carts.findOne({ _id: insertedId })).toMatchObject({ total: 5, items: [{ qty: 1 }, { sku: 'b', qty: 3 }, { sku: 'c' }] });

    const upsert = await carts.updateOne({ owner: 'zoe' }, { $set: { total: 1 }, $setOnInsert: { createdBy: 'upsert' } }, { upsert: true });
    expect(upsert).toMatchObject({ matchedCount: 0, upsertedCount: 1 });
    expect(await carts.findOne({ _id: upsert.upsertedId ?? undefined })).toMatchObject({ owner: 'zoe', total: 1, createdBy: 'upsert' });
    const again = await carts.updateOne({ owner: 'zoe' }, { $set: { total: 2 }, $setOnInsert: { createdBy: 'nope' } }, { upsert: true });
    expect(again).toMatchObject({ matchedCount: 1, modifiedCount: 1, upsertedCount: 0 });
    expect(await carts.findOne({ owner: 'zoe' })).toMatchObject({ total: 2, createdBy: 'upsert' });

    const many = await carts.updateMany({}, { $set: { flagged: true } });
    expect(many).toMatchObject({ matchedCount: 2, modifiedCount: 2 });
    expect((await carts.updateOne({ owner: 'zoe' }, { $set: { flagged: true } })).modifiedCount).toBe(0);
    await carts.replaceOne({ owner: 'zoe' }, { owner: 'zoe', replaced: true });
    expect(await carts.findOne({ owner: 'zoe' }, { projection: { _id: 0 } })).toEqual({ owner: 'zoe', replaced: true });
  });

  it('findOneAndUpdate applies only when the document is in the expected state', async () => {
    const sessions = db.collection('sessions');
    const { insertedId } = await sessions.insertOne({ mode: 'ai', lastSeq: 0 });
    const taken = await sessions.findOneAndUpdate({ _id: insertedId, mode: 'ai' }, { $set: { mode: 'support' } }, { returnDocument: 'after' });
    expect(taken).toMatchObject({ mode: 'support' });
    expect(await sessions.findOneAndUpdate({ _id: insertedId, mode: 'ai' }, { $set: { mode: 'support' } })).toBeNull();
    const before = await sessions.findOneAndUpdate({ _id: insertedId }, { $inc: { lastSeq: 1 } }, { returnDocument: 'before', projection: { lastSeq: 1 } });
    expect(before).toEqual({ _id: insertedId, lastSeq: 0 });
    const removed = await sessions.findOneAndDelete({ _id: insertedId });
    expect(removed).toMatchObject({ lastSeq: 1 });
  });

  it('gives 50 concurrent $inc findOneAndUpdates the values 1..50 exactly once', async () => {
    const counters = db.collection('counters');
    const { insertedId } = await counters.insertOne({ seq: 0 });
    const results = await Promise.all(
      Array.from({ length: 50 }, () => counters.findOneAndUpdate({ _id: insertedId }, { $inc: { seq: 1 } }, { returnDocument: 'after' })),
    );
    expect(results.map((r) => r?.seq as number).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });

  it('enforces unique indexes with MongoDB-shaped duplicate key errors', async () => {
    const users = db.collection('users');
    await users.createIndex({ email: 1 }, { unique: true });
    await users.insertOne({ email: 'a@x.io' });
    const error = await users.insertOne({ email: 'a@x.io' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MongoServerError);
    expect(error).toMatchObject({ code: 11000, keyPattern: { email: 1 }, keyValue: { email: 'a@x.io' } });
    expect((error as Error).message).toBe('E11000 duplicate key error collection: switchboard.users index: email_1 dup key: { email: "a@x.io" }');

    await users.insertOne({ email: 'b@x.io' });
    const updateError = await users.updateOne({ email: 'b@x.io' }, { $set: { email: 'a@x.io' } }).catch((e: unknown) => e);
    expect(updateError).toMatchObject({ code: 11000, keyValue: { email: 'a@x.io' } });
    const famError = await users.findOneAndUpdate({ email: 'c@x.io' }, { $set: { n: 1 } }, { upsert: true }).then(() => users.findOneAndUpdate({ email: 'c@x.io' }, { $set: { email: 'b@x.io' } })).catch((e: unknown) => e);
    expect(famError).toMatchObject({ code: 11000, codeName: 'DuplicateKey', keyPattern: { email: 1 }, keyValue: { email: 'b@x.io' } });
    expect(await users.countDocuments()).toBe(3);

    const dupId = await users.insertOne({ _id: (await users.findOne({ email: 'b@x.io' }))?._id, email: 'd@x.io' }).catch((e: unknown) => e);
    expect(dupId).toMatchObject({ code: 11000, keyPattern: { _id: 1 } });
  });

  it('honours sparse and partial unique indexes', async () => {
    const messages = db.collection('messages');
    await messages.createIndex({ dedupeKey: 1 }, { unique: true, sparse: true });
    await messages.createIndex({ sessionId: 1, seq: 1 }, { unique: true });
    const session = new ObjectId();
    await messages.insertMany([{ sessionId: session, seq: 1 }, { sessionId: session, seq: 2 }, { sessionId: new ObjectId(), seq: 1 }]);
    await expect(messages.insertOne({ sessionId: session, seq: 2 })).rejects.toMatchObject({ code: 11000, keyValue: { sessionId: session, seq: 2 } });
    const codes = db.collection('codes');
    await codes.createIndex({ code: 1 }, { unique: true, partialFilterExpression: { active: true } });
    await codes.insertMany([{ code: 'x', active: false }, { code: 'x', active: false }, { code: 'x', active: true }]);
    await expect(codes.insertOne({ code: 'x', active: true })).rejects.toMatchObject({ code: 11000 });
    await messages.insertOne({ sessionId: session, seq: 3, dedupeKey: 'k1' });
    await expect(messages.insertOne({ sessionId: session, seq: 4, dedupeKey: 'k1' })).rejects.toMatchObject({ code: 11000 });
  });

  it('reports an ordered insertMany failure with the index of the bad document', async () => {
    const tags = db.collection('tags');
    await tags.createIndex({ tag: 1 }, { unique: true });
    const error = await tags.insertMany([{ tag: 'a' }, { tag: 'a' }, { tag: 'b' }]).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 11000, writeErrors: [expect.objectContaining({ index: 1 })] });
    expect(await tags.countDocuments()).toBe(1);
    await tags.insertMany([{ tag: 'a' }, { tag: 'c' }], { ordered: false }).catch(() => undefined);
    expect(await tags.countDocuments()).toBe(2);
  });

  it.each([
    ['full', {}, {}],
    ['sparse and partial', { sparse: true }, { partialFilterExpression: { i: { $gt: 3 } } }],
  ])('answers equality queries on %s indexes exactly as a full scan does', async (kind, kOptions, nestedOptions) => {
    const items = db.collection(`indexed-${kind.replace(/ /g, '-')}`);
    const values: unknown[] = [1, 2, 2.0, 'a', null, ['a', 3], [], { x: 1 }, Long.fromNumber(2), undefined];
    await items.insertMany(values.map((k, i) => (k === undefined ? { i } : { i, k, nested: { k } })));
    const queries = [{ k: 2 }, { k: 'a' }, { k: null }, { k: 3 }, { k: { $in: [1, 'a'] } }, { k: { $in: ['a', null] } }, { k: { $eq: null } }, { k: { x: 1 } }, { 'nested.k': 'a' }, { 'nested.k': null }, { k: ['a', 3] }, { k: 2, i: { $gt: 1 } }];
    const run = async () => Promise.all(queries.map(async (q) => (await items.find(q).sort({ i: 1 }).toArray()).map((d) => d.i as number)));
    const scanned = await run();
    await items.createIndex({ k: 1, i: 1 }, kOptions);
    await items.createIndex({ 'nested.k': 1 }, nestedOptions);
    expect(await run()).toEqual(scanned);
    await items.updateMany({ k: 'a' }, { $set: { k: 'moved' } });
    expect(await items.countDocuments({ k: 'moved' })).toBe(2);
    expect(await items.countDocuments({ k: 'a' })).toBe(0);
    await items.deleteMany({ k: 'moved' });
    expect(await items.countDocuments({ k: 'moved' })).toBe(0);
  });

  it('answers unknown commands with CommandNotFound instead of hanging', async () => {
    await expect(db.command({ nope: 1 })).rejects.toMatchObject({ code: 59, codeName: 'CommandNotFound', message: "no such command: 'nope'" });
    await expect(db.command({ ping: 1 })).resolves.toMatchObject({ ok: 1 });
  });

  it('aggregates, counts, lists distinct values and deletes', async () => {
    const orders = db.collection('orders');
    await orders.insertMany([
      { shop: 'a', amount: 5, tags: ['x', 'y'] },
      { shop: 'b', amount: 7, tags: ['y'] },
      { shop: 'a', amount: 10, tags: [] },
    ]);
    const totals = await orders.aggregate([{ $match: { amount: { $gt: 1 } } }, { $group: { _id: '$shop', sum: { $sum: '$amount' }, n: { $sum: 1 } } }, { $sort: { sum: -1 } }]).toArray();
    expect(totals).toEqual([{ _id: 'a', sum: 15, n: 2 }, { _id: 'b', sum: 7, n: 1 }]);
    expect(await orders.aggregate([{ $count: 'n' }]).toArray()).toEqual([{ n: 3 }]);
    expect(await orders.countDocuments({ shop: 'a' })).toBe(2);
    expect(await orders.estimatedDocumentCount()).toBe(3);
    expect((await orders.distinct('tags')).sort()).toEqual(['x', 'y']);
    expect(await orders.deleteMany({ shop: 'a' })).toMatchObject({ deletedCount: 2 });
    expect(await orders.deleteOne({ shop: 'nobody' })).toMatchObject({ deletedCount: 0 });
    expect(await orders.countDocuments()).toBe(1);
  });

  it('looks up across collections in aggregate', async () => {
    const authors = db.collection('authors');
    const books = db.collection('books');
    const { insertedId } = await authors.insertOne({ name: 'le guin' });
    await books.insertMany([{ title: 'the dispossessed', authorId: insertedId }, { title: 'lathe', authorId: insertedId }]);
    const [row] = await authors.aggregate([{ $lookup: { from: 'books', localField: '_id', foreignField: 'authorId', as: 'books' } }]).toArray();
    expect((row.books as { title: string }[]).map((b) => b.title)).toEqual(['the dispossessed', 'lathe']);
    expect(await books.findOne({ title: 'lathe' })).not.toHaveProperty('books');
  });

  it('manages collections and indexes', async () => {
    await db.createCollection('made');
    await expect(db.createCollection('made')).rejects.toMatchObject({ code: 48 });
    const names = (await db.listCollections({ name: 'made' }).toArray()).map((c) => c.name);
    expect(names).toEqual(['made']);
    const made = db.collection('made');
    await made.createIndex({ a: 1, b: -1 }, { name: 'ab' });
    expect((await made.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_', 'ab']);
    await made.dropIndex('ab');
    expect((await made.indexes()).map((i) => i.name)).toEqual(['_id_']);
    expect(await made.drop()).toBe(true);
    expect(await db.listCollections({ name: 'made' }).toArray()).toEqual([]);
    const dbs = await client.db('admin').admin().listDatabases();
    expect(dbs.databases.map((d) => d.name)).toContain('switchboard');
  });

  it('searches text-indexed fields with $text as mongod does with default_language "none"', async () => {
    const notes = db.collection('notes');
    await notes.insertMany([
      { n: 1, body: 'Where is my parcel? Order ORD-4711 was due Monday.' },
      { n: 2, body: 'Le colis est arrivé, merci' },
      { n: 3, body: 'My ORDER never came', other: 'parcel' },
      { n: 4, body: 42 },
      { n: 5, body: 'The border is closed' },
    ]);
    const search = async (text: string) => (await notes.find({ $text: { $search: text } }).toArray()).map((d) => d.n).sort();
    await expect(search('parcel')).rejects.toMatchObject({ code: 27 }); // no text index yet
    await notes.createIndex({ body: 'text' }, { default_language: 'none' });

    expect(await search('parcel')).toEqual([1]); // only the indexed field
    expect(await search('order monday')).toEqual([1, 3]); // any word, any case
    expect(await search('"order" "monday"')).toEqual([1]); // every phrase
    expect(await search('"ord-4711"')).toEqual([1]);
    expect(await search('"order"')).toEqual([1, 3]); // not "border": a phrase's words are whole words
    expect(await search('parcels')).toEqual([]); // whole words, no stemming
    expect(await search('ARRIVÉ')).toEqual([2]);
    expect(await search('arrive')).toEqual([2]); // diacritics do not count
    expect(await search('order -monday')).toEqual([3]);
    expect(await notes.countDocuments({ $text: { $search: 'order' }, n: { $gt: 1 } })).toBe(1);
  });

  it('expires documents through TTL indexes', async () => {
    const events = db.collection('events');
    await events.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 });
    await events.insertMany([{ expiresAt: new Date(Date.now() - 1000) }, { expiresAt: new Date(Date.now() + 60_000) }, { note: 'no date' }]);
    const deadline = Date.now() + 3000;
    while ((await events.countDocuments()) > 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    expect(await events.countDocuments()).toBe(2);
  });

  it('serialises writers from two separate clients', async () => {
    const other = await connectClient(engine.uri);
    try {
      const ledger = db.collection('ledger');
      const { insertedId } = await ledger.insertOne({ balance: 0 });
      const otherLedger = other.db().collection('ledger');
      await Promise.all(
        Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? ledger : otherLedger).updateOne({ _id: insertedId }, { $inc: { balance: 1 } })),
      );
      await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? ledger : otherLedger).insertOne({ writer: i })));
      expect(await otherLedger.findOne({ _id: insertedId })).toMatchObject({ balance: 40 });
      expect(await ledger.countDocuments({ writer: { $exists: true } })).toBe(20);
    } finally {
      await other.close();
    }
  });
});
