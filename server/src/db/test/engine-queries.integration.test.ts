import { MongoClient, type Db } from 'mongodb';
import type { EmbeddedEngine } from '../embedded-engine/engine-server';
import { connectClient, startTestEngine, tempDataDir } from './support/engine';

// Issue 25: reads answered as mongod answers them — projections, commands, and loud refusals
// (with mongod's codes) for what the engine does not do: collation, geo, server-side JavaScript.
describe('embedded engine reads as mongod does', () => {
  const data = tempDataDir();
  let engine: EmbeddedEngine;
  let client: MongoClient;
  let db: Db;

  beforeAll(async () => {
    engine = await startTestEngine(data.dir);
    client = await connectClient(engine.uri);
    db = client.db();
    await db.collection('lists').insertOne({ _id: 1 as never, name: 'l', arr: [1, 2, 3, 4, 5, 6, 7], scores: [3, 8, 12], items: [{ k: 'a', n: 1 }, { k: 'b', n: 2 }] });
  });

  afterAll(async () => {
    await client.close();
    await engine.close();
    data.remove();
  });

  const errorOf = (work: Promise<unknown>): Promise<unknown> => work.then(() => undefined, (e: unknown) => e);
  const lists = () => db.collection('lists');

  it('projects $slice as mongod: the whole document with the array trimmed, or joined to an inclusion', async () => {
    expect(await lists().findOne({}, { projection: { arr: { $slice: [1, 2] }, scores: 0, items: 0 } })).toEqual({ _id: 1, name: 'l', arr: [2, 3] });
    expect(await lists().findOne({}, { projection: { arr: { $slice: -2 } } })).toMatchObject({ name: 'l', arr: [6, 7], scores: [3, 8, 12] });
    expect(await lists().findOne({}, { projection: { arr: { $slice: 1 }, name: 1 } })).toEqual({ _id: 1, name: 'l', arr: [1] });
  });

  it('matches $all against a non-array field as mongod does (and still against arrays)', async () => {
    expect(await lists().countDocuments({ name: { $all: ['l'] } })).toBe(1);
    expect(await lists().countDocuments({ arr: { $all: [2, 7] } })).toBe(1);
    expect(await lists().countDocuments({ arr: { $all: [2, 9] } })).toBe(0);
    expect(await lists().countDocuments({ items: { $all: [{ $elemMatch: { k: 'b' } }] } })).toBe(1);
  });

  it('puts _id first whatever order the projection names it in', async () => {
    const doc = await lists().findOne({}, { projection: { name: 1, _id: 1 } });
    expect(Object.keys(doc ?? {})).toEqual(['_id', 'name']);
  });

  it('projects $elemMatch over scalar arrays with $in and $gte, and over sub-documents', async () => {
    expect(await lists().findOne({}, { projection: { scores: { $elemMatch: { $gte: 5 } } } })).toEqual({ _id: 1, scores: [8] });
    expect(await lists().findOne({}, { projection: { scores: { $elemMatch: { $in: [12, 3] } } } })).toEqual({ _id: 1, scores: [3] });
    expect(await lists().findOne({}, { projection: { items: { $elemMatch: { n: { $gt: 1 } } }, name: 1 } })).toEqual({ _id: 1, name: 'l', items: [{ k: 'b', n: 2 }] });
  });

  it('answers explain, setParameter and an aggregate hint', async () => {
    const explained = await lists().find({ name: 'l' }).explain();
    expect(explained.queryPlanner).toMatchObject({ namespace: expect.stringContaining('lists'), winningPlan: { stage: 'COLLSCAN' } });
    expect(await db.admin().command({ setParameter: 1, logLevel: 0 })).toMatchObject({ ok: 1 });
    await lists().createIndex({ name: 1 });
    expect(await lists().aggregate([{ $match: { name: 'l' } }], { hint: { name: 1 } }).toArray()).toHaveLength(1);
    expect(await errorOf(lists().aggregate([], { hint: 'nope_1' }).toArray())).toMatchObject({ code: 2 });
  });

  it('refuses an unknown pipeline stage with 40324', async () => {
    expect(await errorOf(lists().aggregate([{ $bogus: {} }]).toArray())).toMatchObject({ code: 40324, message: "Unrecognized pipeline stage name: '$bogus'" });
  });

  it('refuses a non-simple collation loudly rather than ignoring it, and accepts "simple"', async () => {
    expect(await lists().find({ name: 'L' }, { collation: { locale: 'simple' } }).toArray()).toEqual([]);
    expect(await errorOf(lists().find({ name: 'L' }, { collation: { locale: 'en', strength: 2 } }).toArray())).toMatchObject({ code: 238 });
    expect(await errorOf(lists().aggregate([], { collation: { locale: 'fr' } }).toArray())).toMatchObject({ code: 238 });
    expect(await errorOf(db.createCollection('collated', { collation: { locale: 'en', strength: 1 } }))).toMatchObject({ code: 238 });
  });

  it('refuses server-side JavaScript and geo queries with mongod codes', async () => {
    expect(await errorOf(lists().find({ $where: 'this.a > 1' }).toArray())).toMatchObject({ code: 2 });
    expect(await errorOf(lists().aggregate([{ $addFields: { x: { $function: { body: 'function(){}', args: [], lang: 'js' } } } }]).toArray())).toMatchObject({ code: 2 });
    expect(await errorOf(lists().find({ loc: { $near: [0, 0] } }).toArray())).toMatchObject({ code: 291 });
    expect(await errorOf(lists().find({ loc: { $geoWithin: { $box: [[0, 0], [1, 1]] } } }).toArray())).toMatchObject({ code: 2 });
  });
});
