import type { Document } from 'bson';
import { pathValues } from './document-path';
import { MongoCommandError } from './errors';

/**
 * `$text: {$search}` over a collection's text-indexed fields, as mongod answers it with
 * `default_language: "none"` (no stemming, no stop words): case- and diacritic-insensitive;
 * "quoted phrases" must all appear, unquoted words match if any appears, `-word` excludes.
 * The relevance score is `textScorer`'s.
 */
export function textMatcher(text: unknown, fields: string[]): (doc: Document) => boolean {
  if (fields.length === 0) throw new MongoCommandError('IndexNotFound', 'text index required for $text query');
  const search = (text as { $search?: unknown } | null)?.$search;
  if (typeof search !== 'string') throw new MongoCommandError('BadValue', '$search needs a String');
  const { phrases, words, excluded } = parseSearch(search);
  return (doc) => {
    const content = normalise(fields.flatMap((f) => pathValues(doc, f)).filter((v): v is string => typeof v === 'string').join('\n'));
    const present = new Set(wordsOf(content));
    if (excluded.some((w) => present.has(w))) return false;
    // As on mongod: the phrase's words are index terms (whole words), and the phrase is in the text.
    if (!phrases.every((p) => content.includes(p) && wordsOf(p).every((w) => present.has(w)))) return false;
    return words.length === 0 ? phrases.length > 0 : words.some((w) => present.has(w));
  };
}

/**
 * mongod's text score (`{$meta: "textScore"}`) of a document for this search: per string in the
 * indexed fields, each term scores freq × (0.5 × count / tokens + 0.5), its freq adding 1, ½, ¼ …
 * per repeat, × 1.1 when the term is the whole string (fts_spec.cpp `_scoreStringV2`, weight 1);
 * the document's score sums those of the search's distinct terms (words and phrase words, not
 * `-excluded` ones).
 */
export function textScorer(text: unknown, fields: string[]): (doc: Document) => number {
  const search = (text as { $search?: unknown } | null)?.$search;
  const { phrases, words } = parseSearch(typeof search === 'string' ? search : '');
  const terms = new Set([...words, ...phrases.flatMap(wordsOf)]);
  return (doc) => {
    const scores = new Map<string, number>();
    for (const raw of fields.flatMap((f) => pathValues(doc, f)).filter((v): v is string => typeof v === 'string')) scoreString(raw, scores);
    let total = 0;
    for (const term of terms) total += scores.get(term) ?? 0;
    return total;
  };
}

function scoreString(raw: string, scores: Map<string, number>): void {
  const tokens = wordsOf(normalise(raw));
  const seen = new Map<string, { count: number; freq: number; exp: number }>();
  for (const token of tokens) {
    const data = seen.get(token) ?? { count: 0, freq: 0, exp: 0 };
    data.exp = data.exp === 0 ? 1 : data.exp * 2;
    data.count += 1;
    data.freq += 1 / data.exp;
    seen.set(token, data);
  }
  for (const [term, { count, freq }] of seen) {
    const coefficient = (0.5 * count) / tokens.length + 0.5;
    const adjustment = raw.toLowerCase() === term ? 1.1 : 1;
    scores.set(term, (scores.get(term) ?? 0) + freq * coefficient * adjustment);
  }
}

function parseSearch(search: string): { phrases: string[]; words: string[]; excluded: string[] } {
  const phrases = [...search.matchAll(/"([^"]*)"/g)].map((m) => normalise(m[1] ?? '').trim()).filter(Boolean);
  const rest = search.replace(/"[^"]*"/g, ' ').split(/\s+/).filter(Boolean);
  const excluded = rest.filter((t) => t.startsWith('-')).flatMap((t) => wordsOf(normalise(t.slice(1))));
  const words = rest.filter((t) => !t.startsWith('-')).flatMap((t) => wordsOf(normalise(t)));
  return { phrases, words, excluded };
}

function normalise(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function wordsOf(text: string): string[] {
  return text.match(/[\p{L}\p{N}]+/gu) ?? [];
}
