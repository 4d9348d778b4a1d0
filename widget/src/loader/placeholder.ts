/**
 * The part of the widget that shows before the rest has loaded: the host element with its
 * shadow root, the loader's CSS, and a launcher button made with plain DOM (no Preact in the
 * loader). The app replaces the button with its own when it mounts.
 */
import { LAUNCHER_CSS } from '../launcher-styles';
import { applyAccent } from '../lib/accent';
import type { WidgetConfig } from '../lib/config';

/** The tag name of the element that hosts the shadow root. */
export const HOST_TAG = 'switchboard-widget';

/** Adds CSS to a shadow root: a constructed stylesheet (not subject to the page's CSP style-src), else a <style>. */
export function adoptStyles(shadow: ShadowRoot, css: string): void {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, sheet];
  } catch {
    const style = document.createElement('style');
    style.textContent = css;
    shadow.appendChild(style);
  }
}

function chatIcon(): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  const attrs: Record<string, string> = { width: '24', height: '24', viewBox: '0 0 24 24', fill: 'none', stroke: 'currentColor', 'stroke-width': '2', 'stroke-linecap': 'round', 'stroke-linejoin': 'round', 'aria-hidden': 'true', focusable: 'false' };
  for (const [k, v] of Object.entries(attrs)) svg.setAttribute(k, v);
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('d', 'M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z');
  svg.appendChild(path);
  return svg;
}

export interface Placeholder {
  shadow: ShadowRoot;
  container: HTMLElement;
  /** Hides or shows the launcher (`hide`/`show`, `shutdown`/`boot` before the app is there). */
  setHidden(hidden: boolean): void;
  /** The visitor asked to open it: say it is on its way. */
  setBusy(): void;
}

/** Adds the host element to the page with the loader's launcher inside; `onOpen` runs on click. */
export function mountPlaceholder(config: WidgetConfig, label: string, hidden: boolean, onOpen: () => void): Placeholder {
  const host = document.createElement(HOST_TAG);
  if (config.color) applyAccent(host, config.color);
  const shadow = host.attachShadow({ mode: 'open' });
  adoptStyles(shadow, LAUNCHER_CSS);
  const container = document.createElement('div');
  const root = document.createElement('div');
  root.className = `sb-root sb-${config.position}`;
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'sb-launcher';
  button.setAttribute('aria-label', label);
  button.setAttribute('aria-expanded', 'false');
  button.appendChild(chatIcon());
  button.addEventListener('click', onOpen);
  root.appendChild(button);
  container.appendChild(root);
  shadow.appendChild(container);
  document.body.appendChild(host);
  const placeholder: Placeholder = {
    shadow,
    container,
    setHidden: (h) => void root.classList.toggle('sb-hidden', h),
    setBusy: () => button.setAttribute('aria-busy', 'true'),
  };
  placeholder.setHidden(hidden);
  return placeholder;
}
