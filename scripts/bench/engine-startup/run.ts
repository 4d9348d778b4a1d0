/**
 * `npm run bench:engine-startup`: how long the embedded engine takes from a cold start to its
 * first answered query, for data directories holding N messages (default 0, 20 000, 100 000).
 *
 * Each data directory is seeded through the real message model (mongoose, with its indexes),
 * the seeding engine is closed, and then the engine is started as `npm run db` starts it (its
 * own node process through tsx) `--runs` times; the clock runs from spawn to the answer of a
 * `find` on the messages of one session (what the server asks first when a chat resumes).
 * Flags: --sizes 0,20000,100000  --runs 3  --keep (leave the data directories).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { MongoClient, ObjectId } from 'mongodb';
import mongoose from 'mongoose';
import { startEmbeddedEngine } from '../../../server/src/db/embedded-engine/engine-server';
import { MessageModel } from '../../../server/src/db/models/message.model';
import { freePort } from '../../../server/test/support/processes';
import { cpuMsOf, describeMachine } from '../support/machine';

const root = join(__dirname, '../../..');
const MESSAGES_PER_SESSION = 40;
const BATCH = 1000;

const { values: flags } = parseArgs({
  options: { sizes: { type: 'string', default: '0,20000,100000' }, runs: { type: 'string', default: '3' }, keep: { type: 'boolean', default: false } },
});

/** Seeds `count` messages (customer and agent turns, sessions of 40) into a fresh data directory. */
async function seed(count: number): Promise<{ dataDir: string; sessionId: ObjectId; seconds: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sb-engine-startup-'));
  const started = Date.now();
  const engine = await startEmbeddedEngine({ dataDir: join(dataDir, 'db'), port: 0 });
  const connection = await mongoose.createConnection(engine.uri).asPromise();
  const Message = connection.model(MessageModel.modelName, MessageModel.schema);
  await Message.createIndexes();
  let sessionId = new ObjectId();
  for (let done = 0; done < count; done += BATCH) {
    const batch = [];
    for (let i = done; i < Math.min(count, done + BATCH); i++) {
      if (i % MESSAGES_PER_SESSION === 0) sessionId = new ObjectId();
      const seq = (i % MESSAGES_PER_SESSION) + 1;
      const customer = seq % 2 === 1;
      batch.push({
        sessionId,
        seq,
        role: customer ? 'customer' : 'agent',
        content: customer ? `Hello, I have a question about order ${i} and its delivery date.` : `Thanks for asking! Order ${i} ships tomorrow; you will get a tracking link by email within the day.`,
        status: 'complete',
        ...(customer ? { clientMessageId: `c-${i}`, dedupeKey: `${sessionId.toHexString()}:c-${i}` } : { owner: 'bench', completedAt: new Date() }),
      });
    }
    await Message.insertMany(batch, { ordered: false });
  }
  await connection.close();
  await engine.close();
  return { dataDir, sessionId, seconds: (Date.now() - started) / 1000 };
}

/** Spawn → URI printed → connected → first find answered, in ms. */
async function coldStart(dataDir: string, sessionId: ObjectId): Promise<{ listening: number; answered: number; cpu: number; found: number }> {
  const started = process.hrtime.bigint();
  const ms = (): number => Number(process.hrtime.bigint() - started) / 1e6;
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'server/src/db/embedded-engine/cli.ts')], {
    cwd: root,
    env: { ...process.env, DB_PORT: String(await freePort()), DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [first] = (await once(child.stdout, 'data')) as [Buffer];
  const listening = ms();
  child.stdout.resume();
  const uri = first.toString().split('\n')[0]?.trim() ?? '';
  const client = await MongoClient.connect(uri, { serverSelectionTimeoutMS: 30_000 });
  const found = await client.db('switchboard').collection('messages').find({ sessionId }).sort({ seq: 1 }).toArray();
  const answered = ms();
  // CPU time is what a busy machine cannot inflate as much as it does wall time.
  const cpu = cpuMsOf(child.pid as number);
  await client.close();
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
  return { listening, answered, cpu, found: found.length };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

async function main(): Promise<void> {
  const sizes = (flags.sizes ?? '').split(',').map(Number);
  const runs = Number(flags.runs);
  console.log(describeMachine());
  const rows: string[] = [];
  for (const size of sizes) {
    const { dataDir, sessionId, seconds } = await seed(size);
    const starts = [];
    for (let run = 0; run < runs; run++) starts.push(await coldStart(dataDir, sessionId));
    const expected = size === 0 ? 0 : Math.min(MESSAGES_PER_SESSION, size - Math.floor((size - 1) / MESSAGES_PER_SESSION) * MESSAGES_PER_SESSION);
    if (starts.some((s) => s.found !== expected)) throw new Error(`wrong answer: expected ${expected} messages, got ${starts.map((s) => s.found).join(', ')}`);
    const answered = starts.map((s) => s.answered);
    const cells = [median(starts.map((s) => s.listening)), median(answered), Math.min(...answered), Math.max(...answered), median(starts.map((s) => s.cpu))].map((v) => v.toFixed(0));
    rows.push(`| ${size} | ${cells[0]} | ${cells[1]} | ${cells[2]}–${cells[3]} | ${cells[4]} | ${seconds.toFixed(1)} |`);
    if (!flags.keep) rmSync(dataDir, { recursive: true, force: true });
    else console.log(`kept ${dataDir}`);
  }
  console.log(`runs per size: ${runs}; load after: ${describeMachine().split('load ')[1]?.split(';')[0] ?? '?'}`);
  console.log('| messages | URI printed (ms, median) | first query answered (ms, median) | range (ms) | engine CPU until then (ms, median) | seeding (s) |');
  console.log('|---|---|---|---|---|---|');
  for (const row of rows) console.log(row);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
