import fs from 'node:fs';
import path from 'node:path';
import type { Document } from 'bson';
import { Collection } from './collection';
import { MongoCommandError } from './errors';
import type { EngineLogger } from './logger';

/**
 * All databases and collections under one data directory: a folder per database
 * (URI-encoded name) holding each collection's log and metadata. Everything is loaded
 * into memory on open.
 */
export class Storage {
  private readonly databases = new Map<string, Map<string, Collection>>();

  private constructor(
    private readonly dataDir: string,
    private readonly logger: EngineLogger,
  ) {}

  static open(dataDir: string, logger: EngineLogger): Storage {
    fs.mkdirSync(dataDir, { recursive: true });
    const storage = new Storage(dataDir, logger);
    for (const entry of fs.readdirSync(dataDir, { withFileTypes: true })) {
      if (entry.isDirectory()) storage.loadDatabase(decodeURIComponent(entry.name));
    }
    return storage;
  }

  getCollection(db: string, name: string): Collection | undefined {
    return this.databases.get(db)?.get(name);
  }

  /** The named collection, created on first use as MongoDB does for writes. */
  ensureCollection(db: string, name: string): Collection {
    return this.getCollection(db, name) ?? this.createCollection(db, name, {});
  }

  createCollection(db: string, name: string, options: Document): Collection {
    validateName(db, name);
    if (this.getCollection(db, name)) throw new MongoCommandError('NamespaceExists', `Collection ${db}.${name} already exists.`);
    const dir = this.databaseDir(db);
    fs.mkdirSync(dir, { recursive: true });
    const collection = Collection.create(db, dir, name, options, this.logger);
    this.collectionsOf(db).set(name, collection);
    return collection;
  }

  /** Drops a collection; false when it did not exist. */
  dropCollection(db: string, name: string): boolean {
    const collection = this.getCollection(db, name);
    if (!collection) return false;
    collection.destroy();
    this.databases.get(db)?.delete(name);
    return true;
  }

  dropDatabase(db: string): void {
    for (const collection of this.collections(db)) collection.close();
    this.databases.delete(db);
    fs.rmSync(this.databaseDir(db), { recursive: true, force: true });
  }

  databaseNames(): string[] {
    return [...this.databases.keys()].filter((db) => this.collections(db).length > 0);
  }

  collections(db: string): Collection[] {
    return [...(this.databases.get(db)?.values() ?? [])];
  }

  allCollections(): Collection[] {
    return [...this.databases.keys()].flatMap((db) => this.collections(db));
  }

  /** fsyncs every collection written since the last sync. */
  sync(): void {
    for (const collection of this.allCollections()) collection.sync();
  }

  compact(): void {
    for (const collection of this.allCollections()) collection.compactIfWasteful();
  }

  close(): void {
    for (const collection of this.allCollections()) collection.close();
    this.databases.clear();
  }

  private loadDatabase(db: string): void {
    const dir = this.databaseDir(db);
    for (const file of fs.readdirSync(dir)) {
      if (!Collection.isMetaFile(file)) continue;
      const collection = loadOrExplain(db, dir, file, this.logger);
      this.collectionsOf(db).set(collection.name, collection);
    }
  }

  private collectionsOf(db: string): Map<string, Collection> {
    let collections = this.databases.get(db);
    if (!collections) {
      collections = new Map();
      this.databases.set(db, collections);
    }
    return collections;
  }

  private databaseDir(db: string): string {
    return path.join(this.dataDir, encodeURIComponent(db));
  }
}

function validateName(db: string, name: string): void {
  if (!db || /[/\\. "$]/.test(db)) throw new MongoCommandError('InvalidNamespace', `Invalid database name: '${db}'`);
  if (!name || name.includes('$') || name.includes('\0')) {
    throw new MongoCommandError('InvalidNamespace', `Invalid collection name: ${name}`);
  }
}

// A file that cannot be read stops start-up, naming the file; nothing is changed on disk.
function loadOrExplain(db: string, dir: string, file: string, logger: EngineLogger): Collection {
  try {
    return Collection.load(db, dir, file, logger);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(`embedded engine: cannot load ${path.join(dir, file)} (collection files ${path.join(dir, file.replace(/\.meta\.json$/, ''))}.*): ${reason}`, { cause: err });
  }
}
