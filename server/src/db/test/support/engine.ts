import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { startEmbeddedEngine, type EmbeddedEngine, type EmbeddedEngineOptions } from '../../embedded-engine/engine-server';

/** A fresh temporary data directory, removed by the returned cleanup. */
export function tempDataDir(): { dir: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-engine-'));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Starts an engine on a random port over `dataDir`. */
export function startTestEngine(dataDir: string, options: Partial<EmbeddedEngineOptions> = {}): Promise<EmbeddedEngine> {
  return startEmbeddedEngine({ dataDir, port: 0, ...options });
}

/** A connected official-driver client with short timeouts so a broken engine fails fast. */
export function connectClient(uri: string): Promise<MongoClient> {
  return MongoClient.connect(uri, { serverSelectionTimeoutMS: 3_000, connectTimeoutMS: 3_000 });
}
