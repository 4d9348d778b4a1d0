import type { Document } from 'bson';
import { isPlainObject } from './value-key';

/**
 * Every value a dotted path reaches, descending into arrays the way MongoDB builds
 * multikey index entries. A path that reaches nothing yields `[undefined]` (indexed as null).
 */
export function pathValues(doc: Document, path: string): unknown[] {
  const out: unknown[] = [];
  collect(doc, path.split('.'), out);
  return out.length > 0 ? out : [undefined];
}

function collect(value: unknown, parts: string[], out: unknown[]): void {
  if (parts.length === 0) {
    if (Array.isArray(value)) out.push(...(value.length > 0 ? value : [undefined]));
    else out.push(value);
    return;
  }
  const [head, ...rest] = parts;
  if (Array.isArray(value)) {
    if (/^\d+$/.test(head)) collect(value[Number(head)], rest, out);
    else for (const element of value) collect(element, parts, out);
    return;
  }
  if (isPlainObject(value) && head in value) collect(value[head], rest, out);
}

/** Sets a dotted path, creating intermediate sub-documents (used to seed upserts). */
export function setPath(doc: Document, path: string, value: unknown): void {
  const parts = path.split('.');
  let target: Document = doc;
  for (const part of parts.slice(0, -1)) {
    const next: unknown = target[part];
    if (!isPlainObject(next)) target[part] = {};
    target = target[part] as Document;
  }
  target[parts[parts.length - 1]] = value;
}

/** The same document with `_id` moved to the front, as MongoDB stores it. */
export function idFirst(doc: Document): Document {
  if (Object.keys(doc)[0] === '_id' || !('_id' in doc)) return doc;
  const { _id, ...rest } = doc;
  return { _id, ...rest };
}
