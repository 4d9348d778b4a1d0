/**
 * widget.js bootstrap. Runs synchronously only long enough to read its own <script> tag
 * (document.currentScript is null once this tick ends) and install the `Switchboard()` API;
 * the UI is mounted after DOMContentLoaded when the browser is idle, and the socket opens
 * lazily (see lib/chat-controller.ts), so the host page's load is never held up.
 */
import { render } from 'preact';
import { App } from './components/App';
import { installHostApi } from './host-api/switchboard';
import { pickLanguage } from './i18n';
import { ChatController } from './lib/chat-controller';
import { readConfig, type WidgetConfig } from './lib/config';
import { createStorage } from './lib/storage';
import { WIDGET_CSS } from './styles';
import { applyAccent } from './lib/accent';

/** The tag name of the element that hosts the shadow root. */
export const HOST_TAG = 'switchboard-widget';
/** Upper bound on how long mounting waits for an idle moment. */
const IDLE_TIMEOUT_MS = 2000;

function findScript(): HTMLScriptElement | null {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement) return current;
  // Some loaders evaluate the file without a current script; fall back to the tag itself.
  return document.querySelector<HTMLScriptElement>('script[data-agent][src*="widget"]');
}

const isCssColor = (value: string): boolean => typeof CSS !== 'undefined' && CSS.supports('color', value);

function whenIdle(fn: () => void): void {
  const idle = (): void => {
    if ('requestIdleCallback' in window) window.requestIdleCallback(fn, { timeout: IDLE_TIMEOUT_MS });
    else setTimeout(fn, 1);
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', idle, { once: true });
  else idle();
}

function attachStyles(shadow: ShadowRoot): void {
  // A constructed stylesheet isn't subject to the host page's CSP style-src; <style> elsewhere.
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(WIDGET_CSS);
    shadow.adoptedStyleSheets = [sheet];
  } catch {
    const style = document.createElement('style');
    style.textContent = WIDGET_CSS;
    shadow.appendChild(style);
  }
}

function mount(controller: ChatController, config: WidgetConfig, chosenLang: string | null, storedAgentLang: string | null): void {
  const host = document.createElement(HOST_TAG);
  if (config.color) applyAccent(host, config.color);
  const shadow = host.attachShadow({ mode: 'open' });
  attachStyles(shadow);
  const container = document.createElement('div');
  shadow.appendChild(container);
  document.body.appendChild(host);
  render(
    <App controller={controller} chosenLang={chosenLang} storedAgentLang={storedAgentLang} title={config.title} position={config.position} />,
    container,
  );
}

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
  const chosenLang = pickLanguage(config.lang, navigator.languages?.length ? navigator.languages : [navigator.language]);
  const storage = createStorage(config.agentId);
  const controller = new ChatController(config, storage);
  const markReady = installHostApi(controller);
  whenIdle(() => {
    mount(controller, config, chosenLang, storage.getAgentLanguage());
    controller.start();
    markReady();
  });
}

boot();
