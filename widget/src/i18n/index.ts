/**
 * Every string the widget shows, per language: `data-lang` (or `setLocale`), else the first of
 * the browser's languages the widget has, else the agent's language (known once connected),
 * else English. Each language is its own chunk, fetched on demand: a page downloads only the
 * one it shows. Keep the keys identical in every language: the type is derived from English so
 * a missing translation is a type error.
 */
import type { Strings as LocaleStrings } from './en';
import { LAUNCHER_OPEN } from './languages';

export { LANGUAGES, pickLanguage } from './languages';

/** A language's strings with the launcher's label (kept in the loader). */
export type Strings = LocaleStrings & { launcherOpen: string };

const files: Record<string, () => Promise<LocaleStrings>> = {
  en: () => import('./en').then((m) => m.en),
  de: () => import('./de').then((m) => m.de),
  fr: () => import('./fr').then((m) => m.fr),
  es: () => import('./es').then((m) => m.es),
  pt: () => import('./pt').then((m) => m.pt),
  it: () => import('./it').then((m) => m.it),
  nl: () => import('./nl').then((m) => m.nl),
};
const loaded = new Map<string, Promise<Strings>>();

/** The strings of a language picked with `pickLanguage` (English for one the widget lacks), fetched once. */
export function loadStrings(lang: string): Promise<Strings> {
  const key = lang in files ? lang : 'en';
  let strings = loaded.get(key);
  if (!strings) {
    strings = (files[key] as () => Promise<LocaleStrings>)().then((t) => ({ ...t, launcherOpen: LAUNCHER_OPEN[key] as string }));
    // A failed fetch (offline) may be tried again later.
    strings.catch(() => loaded.delete(key));
    loaded.set(key, strings);
  }
  return strings;
}
