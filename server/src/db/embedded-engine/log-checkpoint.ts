import fs from 'node:fs';
import zlib from 'node:zlib';

/**
 * `<log>.checkpoint`: how many leading bytes of a collection's log were written and synced, and
 * their CRC-32. On open, a prefix whose checksum still matches is known to hold exactly the
 * records that were written, so its documents can be kept as bytes and decoded on first use
 * (raw-record.ts) instead of all being decoded and validated up front; whatever follows the
 * prefix (writes since, a torn tail, damage) is replayed record by record as before. A missing,
 * unreadable or mismatching checkpoint only costs the full replay: the log stays the truth.
 */
export interface LogCheckpoint {
  bytes: number;
  crc: number;
}

export function checkpointPath(logPath: string): string {
  return `${logPath}.checkpoint`;
}

/** The checkpoint of `logPath` when it exists and `log` (the file's bytes) still matches it. */
export function verifiedPrefix(logPath: string, log: Buffer): LogCheckpoint | undefined {
  let checkpoint: Partial<LogCheckpoint>;
  try {
    checkpoint = JSON.parse(fs.readFileSync(checkpointPath(logPath), 'utf8')) as Partial<LogCheckpoint>;
  } catch {
    return undefined;
  }
  const { bytes, crc } = checkpoint;
  if (typeof bytes !== 'number' || typeof crc !== 'number' || !Number.isSafeInteger(bytes) || bytes < 0 || bytes > log.length) return undefined;
  return crc32(log.subarray(0, bytes)) === crc ? { bytes, crc } : undefined;
}

/** Replaces the checkpoint (write-then-rename: a crash leaves the old one or the new one). */
export function writeCheckpoint(logPath: string, checkpoint: LogCheckpoint): void {
  const target = checkpointPath(logPath);
  fs.writeFileSync(`${target}.tmp`, JSON.stringify(checkpoint));
  fs.renameSync(`${target}.tmp`, target);
}

export function removeCheckpoint(logPath: string): void {
  fs.rmSync(checkpointPath(logPath), { force: true });
}

/** CRC-32 of `bytes`, continuing from `previous`. */
export function crc32(bytes: Uint8Array, previous = 0): number {
  return zlib.crc32(bytes, previous);
}
