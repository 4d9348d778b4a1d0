import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { Decimal128, Long, ObjectId, type Document } from 'mongodb';
import { connectClient, startTestEngine, tempDataDir } from './support/engine';

const ROOT = path.resolve(__dirname, '../../../..');

// Start-up keeps the documents of the checkpointed log prefix undecoded and builds indexes on
// first need (see the engine README, "Start-up"). These tests prove that path answers exactly
// what a full replay would, including after a kill -9 between writes and the next checkpoint.
describe('embedded engine start-up from a checkpoint', () => {
  const data = tempDataDir();
  afterAll(() => data.remove());
  const dbDir = path.join(data.dir, 'db');
  const log = (collection: string): string => path.join(dbDir, 'switchboard', `${collection}.log`);
  const checkpointBytes = (collection: string): number => (JSON.parse(fs.readFileSync(`${log(collection)}.checkpoint`, 'utf8')) as { bytes: number }).bytes;

  /** The engine as `npm run db` runs it, as one node process (so SIGKILL hits the engine itself). */
  async function startProcess(): Promise<{ child: ChildProcess; uri: string }> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/db/embedded-engine/cli.ts'], {
      cwd: ROOT,
      env: { ...process.env, DB_PORT: '0', DATA_DIR: data.dir },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const [first] = (await once(child.stdout as NodeJS.ReadableStream, 'data')) as [Buffer];
    child.stdout?.resume();
    return { child, uri: first.toString().split('\n')[0] ?? '' };
  }

  it('keeps every acknowledged write made after the last checkpoint when the process is killed (kill -9)', async () => {
    const ids = Array.from({ length: 50 }, () => new ObjectId());
    const first = await startProcess();
    const client = await connectClient(first.uri);
    const notes = client.db().collection('notes');
    await notes.createIndex({ ref: 1 }, { unique: true });
    await notes.createIndex({ topic: 1 });
    await notes.insertMany(ids.map((_id, i) => ({ _id, ref: `r${i}`, topic: i % 2 === 0 ? 'even' : 'odd', n: i })));
    // The periodic sync (1 s) writes the checkpoint covering these.
    const logged = fs.statSync(log('notes')).size;
    for (let i = 0; i < 50 && !(fs.existsSync(`${log('notes')}.checkpoint`) && checkpointBytes('notes') === logged); i++) await new Promise((r) => setTimeout(r, 100));
    expect(checkpointBytes('notes')).toBe(logged);

    // Then writes the checkpoint does not cover: updates that move indexed values, a delete, an insert.
    await notes.updateOne({ _id: ids[0] }, { $set: { topic: 'moved', ref: 'r-moved' } });
    await notes.deleteOne({ _id: ids[1] });
    await notes.insertOne({ _id: 'late' as never, ref: 'r1', topic: 'odd', n: 100 });
    await notes.updateMany({ topic: 'even' }, { $inc: { n: 1000 } });
    first.child.kill('SIGKILL');
    await once(first.child, 'exit');
    await client.close().catch(() => undefined);
    expect(checkpointBytes('notes')).toBeLessThan(fs.statSync(log('notes')).size);

    const second = await startProcess();
    const again = await connectClient(second.uri);
    try {
      const reopened = again.db().collection('notes');
      expect(await reopened.countDocuments()).toBe(50);
      expect(await reopened.findOne({ _id: ids[0] })).toEqual({ _id: ids[0], ref: 'r-moved', topic: 'moved', n: 0 });
      expect(await reopened.findOne({ _id: ids[1] })).toBeNull();
      // The lookups are built after the tail is replayed: old values find nothing, new ones do.
      expect(await reopened.countDocuments({ topic: 'moved' })).toBe(1);
      expect(await reopened.countDocuments({ topic: 'even' })).toBe(24);
      expect(await reopened.countDocuments({ topic: 'odd', n: { $lt: 1000 } })).toBe(25);
      expect((await reopened.find({ topic: 'even' }).toArray()).every((d) => (d.n as number) >= 1000)).toBe(true);
      // Unique keys of checkpointed and replayed documents alike are enforced; freed ones are free.
      await expect(reopened.insertOne({ ref: 'r5' })).rejects.toMatchObject({ code: 11000 });
      await expect(reopened.insertOne({ ref: 'r-moved' })).rejects.toMatchObject({ code: 11000 });
      await expect(reopened.insertOne({ ref: 'r1' })).rejects.toMatchObject({ code: 11000, keyValue: { ref: 'r1' } });
      await reopened.insertOne({ ref: 'r0' });
      // Natural order survives: the first document is still first.
      expect((await reopened.find().limit(1).toArray())[0]?._id).toEqual(ids[0]);
    } finally {
      await again.close();
      second.child.kill('SIGTERM');
      await once(second.child, 'exit');
    }
  });

  it('builds indexes from record bytes exactly as from decoded documents, whatever the value types', async () => {
    const values: unknown[] = [1, 1.5, -0, 2 ** 40, Long.fromString('9007199254740993'), Decimal128.fromString('2.5'), 'text', 'ünï', '', true, false, null, new Date(1_700_000_000_000), new ObjectId(), [3, 4], { a: 1 }, []];
    const engine = await startTestEngine(dbDir);
    let client = await connectClient(engine.uri);
    const kinds = client.db().collection('kinds');
    await kinds.createIndex({ v: 1 });
    await kinds.createIndex({ 'sub.w': 1 }, { unique: true, sparse: true });
    const docs: Document[] = values.map((v, i) => ({ _id: i % 3 === 0 ? `s${i}` : i % 3 === 1 ? i : new ObjectId(), v, sub: { w: v } }));
    docs.push({ _id: 'missing' }, { _id: { nested: 1 }, v: 'x', sub: 'scalar' });
    await kinds.insertMany(docs);
    await client.close();
    await engine.close();

    const reopened = await startTestEngine(dbDir);
    client = await connectClient(reopened.uri);
    try {
      const again = client.db().collection('kinds');
      for (const doc of docs) {
        expect(await again.find({ _id: doc._id }).toArray()).toEqual([doc]);
        if (!('v' in doc) || Array.isArray(doc.v)) continue;
        const expected = docs.filter((d) => valueEquals(d.v, doc.v)).length;
        expect({ v: doc.v, found: await again.countDocuments({ v: doc.v }) }).toEqual({ v: doc.v, found: expected });
      }
      expect(await again.countDocuments({ v: 3 })).toBe(1);
      expect(await again.countDocuments({ v: null })).toBe(2);
      await expect(again.insertOne({ sub: { w: 'ünï' } })).rejects.toMatchObject({ code: 11000 });
      await expect(again.insertOne({ sub: { w: new Date(1_700_000_000_000) } })).rejects.toMatchObject({ code: 11000 });
      await expect(again.insertOne({ sub: { w: 4 } })).rejects.toMatchObject({ code: 11000 });
      // Sparse: documents without the field, or with a scalar `sub`, hold no key.
      await again.insertOne({ _id: 'also-missing' as never });
    } finally {
      await client.close();
      await reopened.close();
    }
  });

  it('replays the whole log, salvaging, when bytes the checkpoint vouches for were damaged', async () => {
    const engine = await startTestEngine(dbDir);
    let client = await connectClient(engine.uri);
    await client.db().collection('fragile').insertMany(Array.from({ length: 20 }, (_, i) => ({ i, pad: 'x'.repeat(50) })));
    await client.close();
    await engine.close();
    const bytes = fs.readFileSync(log('fragile'));
    expect(checkpointBytes('fragile')).toBe(bytes.length);
    // Break the length field of the 6th record: its bytes no longer match the checksum.
    const recordSize = bytes.readInt32LE(0);
    bytes.writeInt32LE(1_000_000, recordSize * 5);
    fs.writeFileSync(log('fragile'), bytes);

    const reopened = await startTestEngine(dbDir);
    client = await connectClient(reopened.uri);
    try {
      const found = await client.db().collection('fragile').find({}, { projection: { _id: 0, i: 1 } }).toArray();
      expect(found.map((d) => d.i)).toEqual([0, 1, 2, 3, 4, ...Array.from({ length: 14 }, (_, k) => k + 6)]);
      expect(fs.readdirSync(path.dirname(log('fragile'))).some((f) => f.startsWith('fragile.log.damaged-'))).toBe(true);
    } finally {
      await client.close();
      await reopened.close();
    }
  });
});

function valueEquals(a: unknown, b: unknown): boolean {
  const key = (v: unknown): string => (v instanceof Long || v instanceof Decimal128 ? String(Number(v.toString())) : v instanceof Date ? `d${v.getTime()}` : JSON.stringify(v ?? null));
  return key(a) === key(b);
}
