import { MongoClient, MongoServerError, ObjectId, type Db } from 'mongodb';
import mongoose, { Schema, type Connection } from 'mongoose';
import type { EmbeddedEngine } from '../embedded-engine/engine-server';
import { connectClient, startTestEngine, tempDataDir } from './support/engine';

// Issue 25: update shapes mongod accepts (several from mongoose itself) that the engine used
// to refuse, and update results that differed from mongod's.
describe('embedded engine updates as mongod does', () => {
  const data = tempDataDir();
  let engine: EmbeddedEngine;
  let client: MongoClient;
  let db: Db;
  let conn: Connection;

  beforeAll(async () => {
    engine = await startTestEngine(data.dir);
    client = await connectClient(engine.uri);
    db = client.db();
    conn = await mongoose.createConnection(engine.uri, { serverSelectionTimeoutMS: 3_000 }).asPromise();
  });

  afterAll(async () => {
    await conn.close();
    await client.close();
    await engine.close();
    data.remove();
  });

  it('accepts sibling paths under one positional operator ($, $[] and $[id])', async () => {
    const posts = db.collection('posts');
    await posts.insertOne({ _id: 1 as never, comments: [{ title: 'a', comments: [] }, { title: 'b', comments: [] }] });
    await posts.updateOne({ _id: 1 as never, 'comments.title': 'b' }, { $addToSet: { 'comments.$.comments': 'x' }, $set: { 'comments.$.title': 'B' } });
    expect((await posts.findOne({ _id: 1 as never }))?.comments).toEqual([{ title: 'a', comments: [] }, { title: 'B', comments: ['x'] }]);

    await posts.updateOne({ _id: 1 as never }, { $set: { 'comments.$[].a': 1, 'comments.$[].b': 2 } });
    await posts.updateOne({ _id: 1 as never }, { $set: { 'comments.$[c].x': 1, 'comments.$[c].y': 2 } }, { arrayFilters: [{ 'c.title': 'a' }] });
    expect((await posts.findOne({ _id: 1 as never }))?.comments).toEqual([
      { title: 'a', comments: [], a: 1, b: 2, x: 1, y: 2 },
      { title: 'B', comments: ['x'], a: 1, b: 2 },
    ]);
  });

  it('refuses a positional $ the query did not match an element for, with 2', async () => {
    const error = await db.collection('posts').updateOne({ _id: 1 as never }, { $set: { 'comments.$.title': 'z' } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 2, message: 'The positional operator did not find the match needed from the query.' });
  });

  it('still refuses two operators on one path with 40', async () => {
    const error = await db.collection('posts').updateOne({ _id: 1 as never }, { $set: { 'comments.$[].a': 1 }, $inc: { 'comments.$[].a': 1 } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 40 });
  });

  it('saves mongoose subdocument arrays with timestamps (the positional shape it sends)', async () => {
    const Thread = conn.model('Thread', new Schema({ title: String, replies: [new Schema({ text: String, likes: [String] }, { timestamps: true })] }, { timestamps: true }));
    const thread = await Thread.create({ title: 't', replies: [{ text: 'one' }, { text: 'two' }] });
    const second = thread.replies[1];
    await Thread.updateOne({ _id: thread._id, 'replies._id': second?._id }, { $set: { 'replies.$.text': 'TWO' }, $addToSet: { 'replies.$.likes': 'ann' } });
    const saved = await Thread.findById(thread._id).lean();
    expect(saved?.replies.map((r) => [r.text, r.likes])).toEqual([['one', []], ['TWO', ['ann']]]);
  });

  it('allows $set of _id to its current value (also in upserts and for object ids), 66 for a real change', async () => {
    const c = db.collection('ids');
    await c.insertOne({ _id: 1 as never, n: 1 });
    await c.updateOne({ _id: 1 as never }, { $set: { _id: 1 as never, n: 2 } });
    await c.updateOne({ _id: { a: 1 } as never }, { $set: { _id: { a: 1 } as never, n: 3 } }, { upsert: true });
    const oid = new ObjectId();
    await c.updateOne({ k: 'new' }, { $set: { _id: oid as never } }, { upsert: true });
    expect(await c.find().toArray()).toEqual([{ _id: 1, n: 2 }, { _id: { a: 1 }, n: 3 }, { _id: oid, k: 'new' }]);
    const error = await c.updateOne({ _id: 1 as never }, { $set: { _id: 2 as never } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MongoServerError);
    expect(error).toMatchObject({ code: 66 });
  });

  it('stores $-prefixed field names inside $set values', async () => {
    const c = db.collection('dollars');
    await c.insertOne({ _id: 1 as never });
    await c.updateOne({ _id: 1 as never }, { $set: { meta: { $price: 5, nested: { $x: 'y' } } } });
    expect(await c.findOne({ _id: 1 as never })).toEqual({ _id: 1, meta: { $price: 5, nested: { $x: 'y' } } });
  });

  it('$pull with $or removes the matching elements (mongoose doc.children.pull sends this form)', async () => {
    const c = db.collection('pulls');
    await c.insertOne({ _id: 1 as never, children: [{ _id: 1, n: 'a' }, { _id: 2, n: 'b' }, { _id: 3, n: 'c' }] });
    await c.updateOne({ _id: 1 as never }, { $pull: { children: { $or: [{ _id: 1 }, { n: 'c' }] } } as never });
    expect((await c.findOne({ _id: 1 as never }))?.children).toEqual([{ _id: 2, n: 'b' }]);

    const Parent = conn.model('Parent', new Schema({ children: [new Schema({ name: String })] }));
    const parent = await Parent.create({ children: [{ name: 'x' }, { name: 'y' }] });
    const first = parent.children[0];
    if (first) parent.children.pull(first._id);
    await parent.save();
    expect((await Parent.findById(parent._id).lean())?.children.map((ch) => ch.name)).toEqual(['y']);
  });
});
