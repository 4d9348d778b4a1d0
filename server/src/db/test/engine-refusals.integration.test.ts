import { MongoClient, MongoServerError, type Db } from 'mongodb';
import type { EmbeddedEngine } from '../embedded-engine/engine-server';
import { connectClient, startTestEngine, tempDataDir } from './support/engine';

// Issue 25: what mongod refuses, the engine refuses too, with mongod's error code — each of
// these used to be acknowledged as a silent no-op (or stored) by the engine.
describe('embedded engine says no where mongod says no', () => {
  const data = tempDataDir();
  let engine: EmbeddedEngine;
  let client: MongoClient;
  let db: Db;

  beforeAll(async () => {
    engine = await startTestEngine(data.dir);
    client = await connectClient(engine.uri);
    db = client.db();
  });

  afterAll(async () => {
    await client.close();
    await engine.close();
    data.remove();
  });

  async function codeOf(work: Promise<unknown>): Promise<number | undefined> {
    const err: unknown = await work.then(() => undefined, (e: unknown) => e);
    if (err === undefined) return undefined;
    expect(err).toBeInstanceOf(MongoServerError);
    return Number((err as MongoServerError).code);
  }

  it('refuses $inc on a string with 14 TypeMismatch and leaves the document as it was', async () => {
    const c = db.collection('inc');
    await c.insertOne({ _id: 1 as never, name: 'x', n: 1 });
    expect(await codeOf(c.updateOne({ _id: 1 as never }, { $inc: { name: 1, n: 1 } }))).toBe(14);
    expect(await codeOf(c.updateOne({ _id: 1 as never }, { $inc: { n: 'a' as never } }))).toBe(14);
    expect(await c.findOne({ _id: 1 as never })).toEqual({ _id: 1, name: 'x', n: 1 });
  });

  it('refuses $push and $addToSet onto a number with 2 BadValue', async () => {
    const c = db.collection('push');
    await c.insertOne({ _id: 1 as never, n: 5 });
    expect(await codeOf(c.updateOne({ _id: 1 as never }, { $push: { n: 1 } as never }))).toBe(2);
    expect(await codeOf(c.updateOne({ _id: 1 as never }, { $addToSet: { n: 1 } as never }))).toBe(2);
    expect(await c.findOne({ _id: 1 as never })).toEqual({ _id: 1, n: 5 });
  });

  it('refuses a path through an array of sub-documents or a scalar with 28 PathNotViable', async () => {
    const c = db.collection('paths');
    await c.insertOne({ _id: 1 as never, comments: [{ body: 'a' }], n: 3 });
    expect(await codeOf(c.updateOne({ _id: 1 as never }, { $set: { 'comments.body': 'b' } }))).toBe(28);
    expect(await codeOf(c.updateOne({ _id: 1 as never }, { $set: { 'n.x': 1 } }))).toBe(28);
    // A numeric index into the array is a real path.
    await c.updateOne({ _id: 1 as never }, { $set: { 'comments.0.body': 'b' } });
    expect(await c.findOne({ _id: 1 as never })).toEqual({ _id: 1, comments: [{ body: 'b' }], n: 3 });
  });

  it('refuses an unknown query operator with 2, even on a missing or empty collection', async () => {
    const error = await db.collection('never-created').find({ a: { $notAnOperator: 1 } }).toArray().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 2, message: 'unknown operator: $notAnOperator' });
    await db.createCollection('empty');
    expect(await codeOf(db.collection('empty').countDocuments({ a: { $nope: 1 } }))).toBe(2);
  });

  it('refuses a document over 16 MB with 10334 and keeps answering aggregates', async () => {
    const c = db.collection('big');
    await c.insertOne({ _id: 1 as never, s: 'x' });
    const big = 'y'.repeat(16 * 1024 * 1024);
    expect(await codeOf(c.updateOne({ _id: 1 as never }, { $set: { s: big } }))).toBe(10334);
    expect(await codeOf(db.command({ insert: 'big', documents: [{ _id: 2, s: big }] }).then((r) => {
      if (r.writeErrors) throw new MongoServerError(r.writeErrors[0] as never);
    }))).toBe(10334);
    expect(await c.aggregate([{ $match: {} }]).toArray()).toEqual([{ _id: 1, s: 'x' }]);
  });

  it('enforces a $jsonSchema validator from create with 121, per validationLevel and validationAction', async () => {
    const validator = { $jsonSchema: { bsonType: 'object', required: ['name'], properties: { name: { bsonType: 'string' }, age: { bsonType: 'int', minimum: 0 } } } };
    const people = await db.createCollection('validated', { validator });
    await people.insertOne({ name: 'ann', age: 3 });
    const failure = await people.insertOne({ age: 3 }).catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 121 });
    expect((failure as MongoServerError).errInfo).toBeDefined();
    expect(await codeOf(people.insertOne({ name: 5 }))).toBe(121);
    expect(await codeOf(people.updateOne({ name: 'ann' }, { $set: { age: -1 } }))).toBe(121);
    expect(await codeOf(people.updateOne({ name: 'ann' }, { $unset: { name: '' } }))).toBe(121);
    expect(await people.countDocuments()).toBe(1);
  });

  it('applies a validator set by collMod; moderate spares documents already invalid, warn lets writes through', async () => {
    const c = db.collection('modded');
    await c.insertMany([{ _id: 1 as never, n: 'old' }, { _id: 2 as never, n: 1 }]);
    await db.command({ collMod: 'modded', validator: { n: { $type: 'number' } }, validationLevel: 'moderate' });
    await c.updateOne({ _id: 1 as never }, { $set: { m: 1 } });
    expect(await codeOf(c.updateOne({ _id: 2 as never }, { $set: { n: 'x' } }))).toBe(121);
    expect(await codeOf(c.insertOne({ n: 'x' }))).toBe(121);
    await db.command({ collMod: 'modded', validationAction: 'warn' });
    await c.insertOne({ _id: 3 as never, n: 'x' });
    const [info] = await db.listCollections({ name: 'modded' }, { nameOnly: false }).toArray();
    expect(info && 'options' in info ? info.options : undefined).toMatchObject({ validationLevel: 'moderate', validationAction: 'warn' });
    expect(await codeOf(db.command({ collMod: 'modded', validationLevel: 'sometimes' }))).toBe(2);
    expect(await codeOf(db.command({ collMod: 'missing', validator: {} }))).toBe(26);
  });

  it('keeps a capped collection within max documents and size bytes, dropping the oldest', async () => {
    const capped = await db.createCollection('capped', { capped: true, size: 100_000, max: 2 });
    await capped.insertMany([{ i: 1 }, { i: 2 }, { i: 3 }]);
    expect((await capped.find().toArray()).map((d) => d.i)).toEqual([2, 3]);
    const small = await db.createCollection('capped-bytes', { capped: true, size: 200 });
    for (let i = 0; i < 10; i += 1) await small.insertOne({ i, pad: 'p'.repeat(40) });
    const left = await small.find().toArray();
    expect(left.length).toBeLessThan(10);
    expect(left[left.length - 1]?.i).toBe(9);
    expect(await codeOf(db.createCollection('capped-nosize', { capped: true }))).toBe(72);
  });
});
