import { Binary, MongoClient, type Db } from 'mongodb';
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

  it('orders BinData as mongod in $lt/$lte/$gt/$gte: by length, then subtype, then bytes; only against BinData', async () => {
    const bin = (bytes: number[], subtype = 0): Binary => new Binary(Buffer.from(bytes), subtype);
    const blobs = db.collection<{ _id: number; b: unknown }>('blobs');
    await blobs.insertMany([
      { _id: 1, b: bin([1, 2]) },
      { _id: 2, b: bin([1, 2, 3]) },
      { _id: 3, b: bin([9]) },
      { _id: 4, b: bin([1, 3]) },
      { _id: 5, b: bin([1, 2], 0x80) },
      { _id: 6, b: 'text' },
      { _id: 7, b: [bin([5])] },
    ]);
    const ids = async (condition: object): Promise<number[]> => (await blobs.find({ b: condition }).toArray()).map((d) => d._id).sort();
    expect(await ids({ $lt: bin([1, 3]) })).toEqual([1, 3, 7]);
    expect(await ids({ $gt: bin([1, 2]) })).toEqual([2, 4, 5]);
    expect(await ids({ $gte: bin([1, 2]) })).toEqual([1, 2, 4, 5]);
    expect(await ids({ $lte: bin([9]) })).toEqual([3, 7]);
    expect(await ids({ $gt: bin([0]), $lt: bin([0, 0, 0]) })).toEqual([1, 3, 4, 5, 7]);
    expect(await blobs.countDocuments({ $or: [{ b: { $lt: bin([0]) } }, { b: { $gt: bin([0, 0, 0]) } }] })).toBe(1);
  });

  it('computes {$meta: "textScore"} after $text as mongod: projected, sorted by, and in a pipeline', async () => {
    const articles = db.collection<{ _id: string; body: string; score?: number }>('articles');
    await articles.createIndex({ body: 'text' }, { default_language: 'none' });
    await articles.insertMany([
      { _id: 'a', body: 'coffee shop' },
      { _id: 'b', body: 'coffee coffee tea' },
      { _id: 'c', body: 'Coffee' },
      { _id: 'd', body: 'tea only' },
    ]);
    // mongod's scores: freq × (0.5 × count / tokens + 0.5), repeats adding ½, ¼ …, ×1.1 for the whole string.
    const scored = await articles.find({ $text: { $search: 'coffee' } }, { projection: { score: { $meta: 'textScore' } }, sort: { score: { $meta: 'textScore' } } }).toArray();
    expect(scored.map((d) => d._id)).toEqual(['b', 'c', 'a']);
    expect(scored.map((d) => d.score as number)).toEqual([expect.closeTo(1.25, 6), expect.closeTo(1.1, 6), expect.closeTo(0.75, 6)]);
    expect(scored[0]).toEqual({ _id: 'b', body: 'coffee coffee tea', score: expect.any(Number) });
    expect(await articles.findOne({ $text: { $search: 'tea' } }, { projection: { _id: 1, s: { $meta: 'textScore' } }, sort: { s: { $meta: 'textScore' } } })).toEqual({ _id: 'd', s: 0.75 });
    const excluded = await articles.findOne({ $text: { $search: 'shop' } }, { projection: { body: 0, s: { $meta: 'textScore' } } });
    expect(excluded).toEqual({ _id: 'a', s: 0.75 });

    const piped = await articles
      .aggregate([
        { $match: { $text: { $search: 'coffee tea' } } },
        { $addFields: { score: { $meta: 'textScore' }, twice: { $multiply: [{ $meta: 'textScore' }, 2] } } },
        { $sort: { score: { $meta: 'textScore' }, _id: 1 } },
        { $project: { body: 0 } },
      ])
      .toArray();
    expect(piped.map((d) => d._id)).toEqual(['b', 'c', 'a', 'd']);
    expect(piped[0]).toEqual({ _id: 'b', score: expect.closeTo(1.25 + 2 / 3, 6), twice: expect.closeTo(2.5 + 4 / 3, 6) });
  });

  it('answers $min/$max/$sum/$avg expressions over a missing or non-array operand, or a list of operands, as mongod does', async () => {
    const c = db.collection('accumulators');
    await c.insertMany([{ _id: 1 as never, n: 7, arr: [4, 2, 9], s: 'x' }, { _id: 2 as never }]);
    const project = { _id: 0, min: { $min: '$arr' }, max: { $max: '$arr' }, sum: { $sum: '$arr' }, avg: { $avg: '$arr' }, one: { $min: '$n' }, text: { $sum: '$s' }, textAvg: { $avg: '$s' } };
    expect(await c.aggregate([{ $sort: { _id: 1 } }, { $project: project }]).toArray()).toEqual([
      { min: 2, max: 9, sum: 15, avg: 5, one: 7, text: 0, textAvg: null },
      { min: null, max: null, sum: 0, avg: null, one: null, text: 0, textAvg: null },
    ]);
    // A list of operands: an array among them is a value, not traversed, ordered after numbers
    // and strings (BSON order); $sum and $avg count only the numbers; null and missing are skipped.
    const listed = { _id: 0, min: { $min: ['$arr', 3] }, max: { $max: ['$arr', 3] }, sum: { $sum: ['$arr', 3] }, avg: { $avg: ['$arr', 3, '$n'] }, mixed: { $max: [3, 'a'] }, low: { $min: [3, 'a', '$missing'] }, none: { $min: ['$missing', null] }, noSum: { $sum: ['$s'] }, single: { $min: ['$arr'] }, arrays: { $max: [[1, 5], [2]] }, objects: { $min: [{ a: 2 }, { a: 1, b: 9 }] } };
    expect(await c.aggregate([{ $match: { _id: 1 } }, { $project: listed }]).toArray()).toEqual([{ min: 3, max: [4, 2, 9], sum: 3, avg: 5, mixed: 'a', low: 3, none: null, noSum: 0, single: 2, arrays: [2], objects: { a: 1, b: 9 } }]);
    // $group's accumulators are unchanged.
    expect(await c.aggregate([{ $group: { _id: null, min: { $min: '$n' }, sum: { $sum: '$n' }, none: { $max: '$missing' } } }]).toArray()).toEqual([{ _id: null, min: 7, sum: 7, none: null }]);
  });
});
