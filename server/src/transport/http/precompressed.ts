import type { Request, Response } from 'express';
import { statSync } from 'node:fs';
import { extname } from 'node:path';

/** Ours first: brotli is ~10 % smaller than gzip, and browsers list gzip first. */
const VARIANTS = [
  { encoding: 'br', suffix: '.br' },
  { encoding: 'gzip', suffix: '.gz' },
] as const;

/** A compressed copy exists and was written after its file (a rebuild without compressing leaves it stale). */
function isCurrent(copy: string, file: string): boolean {
  const copied = statSync(copy, { throwIfNoEntry: false });
  return copied !== undefined && copied.mtimeMs >= statSync(file).mtimeMs;
}

/**
 * Sends a built browser file, as the brotli or gzip copy `npm run build` wrote beside it when
 * the client accepts one (the widget: 119 KB as built, 35 KB as brotli). Compressed once at
 * build time, so serving it costs no CPU; API responses are not compressed (see the README).
 */
export function sendBuilt(req: Request, res: Response, file: string, headers: Record<string, string> = {}): void {
  res.set(headers);
  res.vary('Accept-Encoding');
  res.type(extname(file));
  const accepted = req.acceptsEncodings();
  const variant = VARIANTS.find((v) => accepted.includes(v.encoding) && isCurrent(file + v.suffix, file));
  if (!variant) return void res.sendFile(file);
  res.set('Content-Encoding', variant.encoding);
  res.sendFile(file + variant.suffix);
}
