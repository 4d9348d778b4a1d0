import fs from 'node:fs';
import path from 'node:path';
import { connectClient, startTestEngine, tempDataDir } from './support/engine';

// Issue 21 item 6: one damaged length field in the middle of a collection file used to be
// taken for a torn last write — the file was truncated there and everything after it lost.
describe('embedded engine never throws away data it cannot read', () => {
  const data = tempDataDir();
  afterAll(() => data.remove());
  const dbDir = path.join(data.dir, 'switchboard');

  async function writeMessages(collection: string, count: number): Promise<void> {
    const engine = await startTestEngine(data.dir);
    const client = await connectClient(engine.uri);
    await client.db().collection(collection).insertMany(Array.from({ length: count }, (_, i) => ({ i })));
    await client.close();
    await engine.close();
  }

  async function storedNumbers(collection: string): Promise<number[]> {
    const engine = await startTestEngine(data.dir);
    const client = await connectClient(engine.uri);
    try {
      return (await client.db().collection(collection).find().toArray()).map((d) => d.i as number);
    } finally {
      await client.close();
      await engine.close();
    }
  }

  /** Byte offset of the n-th record of a log file. */
  function recordOffset(file: string, n: number): number {
    const bytes = fs.readFileSync(file);
    let offset = 0;
    for (let i = 0; i < n; i += 1) offset += bytes.readInt32LE(offset);
    return offset;
  }

  const damagedCopies = (collection: string): string[] => fs.readdirSync(dbDir).filter((f) => f.startsWith(`${collection}.log.damaged-`));

  it('salvages every record after a damaged length field mid-file and keeps a copy of the damaged file', async () => {
    await writeMessages('messages', 174);
    const log = path.join(dbDir, 'messages.log');
    const original = fs.readFileSync(log);
    const fd = fs.openSync(log, 'r+');
    const damaged = Buffer.alloc(4);
    damaged.writeInt32LE(0x7fffff00);
    fs.writeSync(fd, damaged, 0, 4, recordOffset(log, 10));
    fs.closeSync(fd);

    const left = await storedNumbers('messages');
    expect(left).toHaveLength(173);
    expect(left).not.toContain(10);
    expect(left[left.length - 1]).toBe(173);
    const [copy] = damagedCopies('messages');
    expect(copy).toBeDefined();
    expect(fs.readFileSync(path.join(dbDir, copy ?? '')).subarray(0, 100)).toEqual(original.subarray(0, 100));
    // The salvaged file is clean now: a second start finds nothing to repair.
    expect(await storedNumbers('messages')).toHaveLength(173);
    expect(damagedCopies('messages')).toHaveLength(1);
  });

  it('drops only a torn last record, keeping a copy of the file as it was', async () => {
    await writeMessages('torn', 5);
    const log = path.join(dbDir, 'torn.log');
    fs.appendFileSync(log, Buffer.from([0x40, 0, 0, 0, 3, 0x6f]));
    expect(await storedNumbers('torn')).toEqual([0, 1, 2, 3, 4]);
    expect(damagedCopies('torn')).toHaveLength(1);
  });

  it('refuses to start with a message naming the file it cannot read', async () => {
    await writeMessages('broken', 1);
    const meta = path.join(dbDir, 'broken.meta.json');
    fs.writeFileSync(meta, '{"name": "broken", ');
    await expect(startTestEngine(data.dir)).rejects.toThrow(meta);
    expect(fs.readFileSync(meta, 'utf8')).toBe('{"name": "broken", ');
  });
});
