import { mongo } from 'mongoose';

/**
 * Batched writes sent as the server's own `insert` / `update` commands, each document
 * serialized once. The driver's `insertMany` and `bulkWrite` serialize every document twice
 * (once to size the batches they split into, then to send it), which for the process's
 * background batches — the event log's entries (carrying whole messages and sessions) and the
 * reply checkpoints — cost more client CPU than the write. Batches stay far below the 16 MB
 * a command may carry (`perCommand` documents each). Before the connection has opened, the
 * models' own methods run (they wait for it).
 *
 * What the driver would add is kept: the write concern configured on the connection (the URI's
 * `w`, `journal`, `wtimeoutMS`), and one retry when the command itself fails (a failover, a
 * dropped connection), as retryable writes do. A retry is safe: inserts carry their `_id`, so a
 * document the first attempt did store comes back as a duplicate `_id` and counts as stored (a
 * duplicate on another unique index is still a refusal), and
 * the updates set values (never increment).
 */

/** A model (what these use of it): its connection's driver database and its collection. */
interface ModelLike {
  db: { db: mongo.Db | undefined };
  collection: { collectionName: string };
}

const driverCollection = (model: ModelLike): mongo.Collection => model.collection as unknown as mongo.Collection;

/** One update statement of an `update` command. */
export interface UpdateStatement {
  q: mongo.Document;
  u: mongo.Document;
}

interface WriteError {
  index: number;
  code: number;
  errmsg?: string;
  keyPattern?: mongo.Document;
}

interface WriteReply {
  n?: number;
  writeErrors?: WriteError[];
}

const DUPLICATE_KEY = 11000;

/**
 * What the first attempt of a retried insert stored: its `_id` is already there. A duplicate on
 * any other unique index is a real refusal (another write got there first), retry or not.
 */
const storedByFirstAttempt = (e: WriteError): boolean =>
  e.code === DUPLICATE_KEY &&
  (e.keyPattern ? Object.keys(e.keyPattern).join() === '_id' : / index: _id_ dup key/.test(e.errmsg ?? ''));

/** Refuses a reply that reports write errors (the command itself succeeded, so the driver does not throw). */
function checked(reply: WriteReply, what: string, tolerate?: (e: WriteError) => boolean): void {
  const errors = reply.writeErrors?.filter((e) => !tolerate?.(e));
  if (errors?.length) throw new Error(`${errors.length} ${what} failed: ${errors[0]?.errmsg ?? `code ${errors[0]?.code}`}`);
}

/** Runs a write command with the connection's write concern; once more if the command itself failed. */
async function run(db: mongo.Db, command: mongo.Document): Promise<{ reply: WriteReply; retried: boolean }> {
  const withConcern = db.writeConcern ? mongo.WriteConcern.apply(command, db.writeConcern) : command;
  try {
    return { reply: await db.command(withConcern), retried: false };
  } catch {
    return { reply: await db.command(withConcern), retried: true };
  }
}

/** Inserts the documents (unordered: one refused document does not stop the rest). */
export async function insertAll(model: ModelLike, docs: mongo.Document[], perCommand = 100): Promise<void> {
  const db = model.db.db;
  if (!db) {
    await driverCollection(model).insertMany(docs, { ordered: false });
    return;
  }
  for (let i = 0; i < docs.length; i += perCommand) {
    const documents = i === 0 && docs.length <= perCommand ? docs : docs.slice(i, i + perCommand);
    const { reply, retried } = await run(db, { insert: model.collection.collectionName, documents, ordered: false });
    // On a retry, what the first attempt stored answers "duplicate key" on `_id`: stored once, as asked.
    checked(reply, 'inserts', retried ? storedByFirstAttempt : undefined);
  }
}

/** Applies the update statements (unordered, one document each). */
export async function updateAll(model: ModelLike, updates: UpdateStatement[], perCommand = 500): Promise<void> {
  const db = model.db.db;
  if (!db) {
    await driverCollection(model).bulkWrite(updates.map(({ q, u }) => ({ updateOne: { filter: q, update: u } })), { ordered: false });
    return;
  }
  for (let i = 0; i < updates.length; i += perCommand) {
    const batch = i === 0 && updates.length <= perCommand ? updates : updates.slice(i, i + perCommand);
    checked((await run(db, { update: model.collection.collectionName, updates: batch, ordered: false })).reply, 'updates');
  }
}
