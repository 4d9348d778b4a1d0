import type { Document } from 'bson';
import { isPlainObject } from './value-key';

/**
 * `{$meta: "textScore"}` after a `$text` query: each matching document is copied with its score
 * in a hidden field, `$meta` expressions, projections and sorts are rewritten to read that
 * field, and the field is removed from what is returned.
 */
export const TEXT_SCORE_FIELD = '__engineTextScore';

export function isTextScoreMeta(value: unknown): boolean {
  return isPlainObject(value) && value.$meta === 'textScore' && Object.keys(value).length === 1;
}

/** True when a projection, sort or pipeline asks for the text score anywhere. */
export function wantsTextScore(value: unknown): boolean {
  if (isTextScoreMeta(value)) return true;
  if (Array.isArray(value)) return value.some(wantsTextScore);
  return isPlainObject(value) && Object.values(value).some(wantsTextScore);
}

/** Copies of `docs` carrying their score in the hidden field. */
export function withTextScores(docs: Document[], score: (doc: Document) => number): Document[] {
  return docs.map((doc) => ({ ...doc, [TEXT_SCORE_FIELD]: score(doc) }));
}

/** A sort whose `{$meta: "textScore"}` keys sort by the score, highest first (mongod's order). */
export function textScoreSort(sort: Document): Document {
  return Object.fromEntries(Object.entries(sort).map(([field, direction]) => (isTextScoreMeta(direction) ? [TEXT_SCORE_FIELD, -1] : [field, direction])));
}

/** Aggregation expressions and stages with `{$meta: "textScore"}` read from the hidden field. */
export function rewriteTextScoreMeta(value: unknown): unknown {
  if (isTextScoreMeta(value)) return `$${TEXT_SCORE_FIELD}`;
  if (Array.isArray(value)) return value.map(rewriteTextScoreMeta);
  if (!isPlainObject(value)) return value;
  if (isPlainObject(value.$sort)) return { ...value, $sort: textScoreSort(value.$sort) };
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, rewriteTextScoreMeta(inner)]));
}

/** A find projection without its `$meta` fields, and the names those fields go to. */
export function splitTextScoreProjection(projection: Document): { rest: Document; scoreFields: string[] } {
  const rest: Document = {};
  const scoreFields: string[] = [];
  for (const [field, value] of Object.entries(projection)) {
    if (isTextScoreMeta(value)) scoreFields.push(field);
    else rest[field] = value;
  }
  return { rest, scoreFields };
}

/** `doc` (a scored copy) without the hidden field. */
export function stripTextScore(doc: Document): Document {
  if (!(TEXT_SCORE_FIELD in doc)) return doc;
  const { [TEXT_SCORE_FIELD]: _score, ...rest } = doc;
  return rest;
}
