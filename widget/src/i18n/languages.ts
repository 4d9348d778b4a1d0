/**
 * What the loader (widget.js) needs to know about languages before any language file has
 * loaded: which ones exist, how to pick one, and the launcher's label in each (the launcher
 * shows before the rest of the widget arrives).
 */
export const LAUNCHER_OPEN: Record<string, string> = {
  en: 'Open chat',
  de: 'Chat öffnen',
  fr: 'Ouvrir le chat',
  es: 'Abrir chat',
  pt: 'Abrir chat',
  it: 'Apri la chat',
  nl: 'Chat openen',
};

/** The languages the widget speaks (`data-lang` values). */
export const LANGUAGES = Object.keys(LAUNCHER_OPEN);

/** The language to use (one of LANGUAGES) from an explicit choice or the browser's list; null when none is ours. */
export function pickLanguage(explicit: string | undefined, browser: readonly string[]): string | null {
  for (const tag of [explicit, ...browser]) {
    const base = tag?.toLowerCase().split('-')[0];
    if (base && base in LAUNCHER_OPEN) return base;
  }
  return null;
}
