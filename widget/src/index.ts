/**
 * widget.js — the loader, the only file the host page downloads up front (a few KB). It runs
 * synchronously only long enough to read its own <script> tag (document.currentScript is null
 * once this tick ends) and install the `Switchboard()` API. After DOMContentLoaded, when the
 * browser is idle, it shows the launcher and then fetches the rest of the widget (app.tsx, an ES
 * module beside it, and one language file); opening the panel fetches it at once. So the host
 * page's load is never held up.
 */
import { pickLanguage } from './i18n/languages';
import { readConfig } from './lib/config';
import { domReady, Shell, whenIdle } from './loader/shell';

/** The app chunk's file name, set by scripts/build.ts (it carries a content hash). */
declare const __SWITCHBOARD_APP__: string;

function findScript(): HTMLScriptElement | null {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement) return current;
  // Some loaders evaluate the file without a current script; fall back to the tag itself.
  return document.querySelector<HTMLScriptElement>('script[data-agent][src*="widget"]');
}

const isCssColor = (value: string): boolean => typeof CSS !== 'undefined' && CSS.supports('color', value);

function boot(): void {
  if (window.Switchboard?.loaded) {
    console.warn('Switchboard: widget.js is included twice; ignoring the second copy.');
    return;
  }
  const script = findScript();
  if (!script?.src) {
    console.error('Switchboard: cannot find the widget <script> tag; not loading.');
    return;
  }
  const config = readConfig({ ...script.dataset }, new URL(script.src, location.href).origin, isCssColor);
  if (!config) return;
  const lang = pickLanguage(config.lang, navigator.languages?.length ? navigator.languages : [navigator.language]);
  // Beside widget.js, wherever it is served from (a path prefix behind a proxy included).
  const shell = new Shell(config, lang, new URL(`widget/${__SWITCHBOARD_APP__}`, script.src).href);
  shell.install();
  // data-open: the panel is wanted at once, so is the rest of the widget.
  if (config.open) void shell.load();
  void domReady().then(() =>
    whenIdle(() => {
      shell.mount();
      whenIdle(() => void shell.load());
    }),
  );
}

boot();
