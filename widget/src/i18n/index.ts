/**
 * Every string the widget shows, per language: `data-lang`, else the first of the browser's
 * languages the widget has, else the agent's language (known once connected), else English. Keep the keys identical in every language:
 * the `Strings` type is derived from English so a missing translation is a type error.
 */
import { de } from './de';
import { en, type Strings } from './en';
import { es } from './es';
import { fr } from './fr';
import { it } from './it';
import { nl } from './nl';
import { pt } from './pt';

export type { Strings } from './en';

const dictionaries: Record<string, Strings> = { en, de, fr, es, pt, it, nl };

/** The languages the widget speaks (`data-lang` values). */
export const LANGUAGES = Object.keys(dictionaries);

/** The language to use (one of LANGUAGES) from an explicit choice or the browser's list; null when none is ours. */
export function pickLanguage(explicit: string | undefined, browser: readonly string[]): string | null {
  for (const tag of [explicit, ...browser]) {
    const base = tag?.toLowerCase().split('-')[0];
    if (base && base in dictionaries) return base;
  }
  return null;
}

/** The dictionary for a language picked with `pickLanguage`. */
export function stringsFor(lang: string): Strings {
  return dictionaries[lang] ?? en;
}
