import type { Document } from 'bson';
import { pathValues } from './document-path';
import { MongoCommandError } from './errors';

/**
 * `$text: {$search}` over a collection's text-indexed fields, as mongod answers it with
 * `default_language: "none"` (no stemming, no stop words): case- and diacritic-insensitive;
 * "quoted phrases" must all appear, unquoted words match if any appears, `-word` excludes.
 * No relevance score: `{$meta: "textScore"}` sorts are not supported.
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
