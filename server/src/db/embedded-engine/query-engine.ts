import type { Document } from 'bson';
import { Aggregator, Context, Query } from 'mingo';
import type { Options, SortSpec } from 'mingo/types';
import { BINARY_RANGE_OPERATORS } from './binary-range';
import { jsonSchemaValidator } from './json-schema';
import { rewriteFilter } from './filter-rewrite';
import { applyProjection } from './projection';
import { splitTextScoreProjection, stripTextScore, TEXT_SCORE_FIELD, textScoreSort, wantsTextScore, withTextScores } from './text-score';
import { textMatcher, textScorer } from './text-search';
import { SINGLE_OPERAND_ACCUMULATORS } from './single-operand-accumulators';
import { isPlainObject, valueKey } from './value-key';

// Server-side JavaScript ($where, $function) stays off, as on a hardened mongod.
// The engine's own query operators (BinData ranges) are added to mingo's.
export const MINGO_OPTIONS: Partial<Options> = { scriptEnabled: false, jsonSchemaValidator, context: Context.init().addQueryOps(BINARY_RANGE_OPERATORS).addExpressionOps(SINGLE_OPERAND_ACCUMULATORS) };

/** What a query needs from a collection: a full scan and a primary-key lookup. */
export interface DocumentSource {
  all(): Document[];
  getById(idKey: string): Document | undefined;
  /** A superset of the documents matching `filter`, when an index can narrow it down. */
  candidates?(filter: Document): Document[] | undefined;
  /** The fields `$text` searches (those of the text index). */
  textFields?(): string[];
}

export interface FindSpec {
  filter?: Document;
  sort?: Document;
  skip?: number;
  limit?: number;
  projection?: Document;
}

/** A reusable predicate for a MongoDB filter. */
export function compileFilter(filter: Document): (doc: Document) => boolean {
  const query = new Query(rewriteFilter(filter), MINGO_OPTIONS);
  return (doc) => query.test(doc);
}

/**
 * Runs a find: filter, then sort, skip, limit and projection in MongoDB's order.
 * Without a projection the stored document objects themselves are returned.
 */
export function findDocuments(source: DocumentSource | undefined, spec: FindSpec): Document[] {
  const { $text: text, ...filter } = spec.filter ?? {};
  // Compiled even with nothing to scan: a bad filter is an error on a missing collection too.
  const query = new Query(rewriteFilter(filter), MINGO_OPTIONS);
  if (!source) return [];
  const scored = text !== undefined && (wantsTextScore(spec.sort) || wantsTextScore(spec.projection));
  const { sort, reverse } = normaliseSort(scored && spec.sort ? textScoreSort(spec.sort) : spec.sort);
  let candidates = idCandidates(source, filter) ?? source.candidates?.(filter) ?? source.all();
  if (text !== undefined) {
    const fields = source.textFields?.() ?? [];
    candidates = candidates.filter(textMatcher(text, fields));
    if (scored) candidates = withTextScores(candidates, textScorer(text, fields));
  }
  if (reverse) candidates = candidates.reverse();
  const projection = spec.projection && Object.keys(spec.projection).length > 0 ? spec.projection : undefined;
  let cursor = query.find<Document>(candidates);
  if (sort) cursor = cursor.sort(sort);
  if (spec.skip) cursor = cursor.skip(spec.skip);
  if (spec.limit) cursor = cursor.limit(Math.abs(spec.limit));
  const found = cursor.all();
  if (scored) return found.map((doc) => projectScored(doc, projection ?? {}));
  return projection ? found.map((doc) => applyProjection(doc, projection)) : found;
}

// A scored copy projected as mongod does: `{$meta: "textScore"}` fields added to whatever the
// rest of the projection (inclusion, exclusion or none) leaves.
function projectScored(doc: Document, projection: Document): Document {
  const { rest, scoreFields } = splitTextScoreProjection(projection);
  const out = stripTextScore(Object.keys(rest).length > 0 ? applyProjection(doc, rest) : doc);
  for (const field of scoreFields) out[field] = doc[TEXT_SCORE_FIELD] as number;
  return out;
}

/** Runs an aggregation pipeline; `resolve` gives `$lookup`/`$unionWith` other collections. */
export function aggregateDocuments(docs: Document[], pipeline: Document[], resolve: (name: string) => Document[]): Document[] {
  return new Aggregator(pipeline, { ...MINGO_OPTIONS, collectionResolver: resolve }).run<Document>(docs);
}

// `{$natural: -1}` means reverse insertion order; a `$meta` sort is the text score's (see
// text-score.ts), dropped without a `$text` query.
function normaliseSort(sort: Document | undefined): { sort?: SortSpec; reverse: boolean } {
  if (!sort) return { reverse: false };
  const spec: SortSpec = {};
  let reverse = false;
  for (const [field, direction] of Object.entries(sort)) {
    if (field === '$natural') reverse = Number(direction) < 0;
    else if (typeof direction === 'number') spec[field] = direction < 0 ? -1 : 1;
  }
  return { sort: Object.keys(spec).length > 0 ? spec : undefined, reverse };
}

// Filters on a literal `_id` (or `$eq`/`$in` of literals) are answered from the primary-key
// map instead of a scan — the common case for findById and conditional updates.
function idCandidates(source: DocumentSource, filter: Document): Document[] | undefined {
  if (!('_id' in filter)) return undefined;
  const ids = equalityValues(filter._id);
  if (!ids) return undefined;
  return ids.map((id) => source.getById(valueKey(id))).filter((d): d is Document => d !== undefined);
}

/**
 * The literal values a field condition is an equality on (`5`, `{$eq: 5}`, `{$in: [5, 6]}`),
 * or undefined when it is anything else (ranges, regexes, whole-array matches …).
 */
export function equalityValues(condition: unknown): unknown[] | undefined {
  if (condition instanceof RegExp || Array.isArray(condition)) return undefined;
  if (!isPlainObject(condition)) return [condition];
  const keys = Object.keys(condition);
  if (!keys.some((k) => k.startsWith('$'))) return [condition];
  if (keys.length !== 1) return undefined;
  if (keys[0] === '$eq') return equalityValues(condition.$eq);
  if (keys[0] === '$in' && Array.isArray(condition.$in)) {
    const parts = condition.$in.map(equalityValues);
    return parts.every((p) => p?.length === 1) ? parts.flatMap((p) => p ?? []) : undefined;
  }
  return undefined;
}

/** Applies a projection to one document (no projection: the document itself). */
export function projectDocument(doc: Document, projection: Document | undefined): Document {
  if (!projection || Object.keys(projection).length === 0) return doc;
  return applyProjection(doc, projection);
}
