/**
 * The only place this package touches the browser. Every function returns early when there is
 * no `window` (server rendering), so importing or rendering the package on the server is safe.
 */
import type { SwitchboardApi, WidgetCommand, WidgetCommands, WidgetEventMap, WidgetEventName } from './widget-api';

/** What the host page looks like to us; a structural type so the widget's own `Window` augmentation doesn't clash. */
interface HostWindow {
  Switchboard?: SwitchboardApi;
  document: Document;
}

/** The id of the `<script>` this package adds, so a second mount doesn't add another. */
export const SCRIPT_ID = 'switchboard-widget-script';

/** What the `<script>` tag says (widget.js reads these `data-*` attributes once, on load). */
export interface WidgetScriptOptions {
  /** Where Switchboard runs, e.g. `https://chat.example.com`; widget.js is loaded from there. */
  baseUrl: string;
  agentId: string;
  customerId?: string;
  customerHash?: string;
  metadata?: Record<string, unknown>;
  title?: string;
  color?: string;
  position?: 'left' | 'right';
  lang?: string;
  /** Open the panel on load. */
  open?: boolean;
}

function hostWindow(): HostWindow | null {
  return typeof window === 'undefined' ? null : (window as unknown as HostWindow);
}

/** `window.Switchboard`, with the documented queue stub installed if widget.js isn't there yet; null on the server. */
export function switchboardApi(): SwitchboardApi | null {
  const win = hostWindow();
  if (!win) return null;
  if (!win.Switchboard) {
    // The same stub as the embed snippet: calls wait in `q` and widget.js replays them in order.
    const stub = ((...args: unknown[]) => {
      (stub.q = (stub.q as unknown[][] | undefined) ?? []).push(args);
      return undefined;
    }) as SwitchboardApi;
    win.Switchboard = stub;
  }
  return win.Switchboard;
}

/** Runs a widget command (queued until widget.js has loaded); nothing on the server. */
export function runCommand<C extends WidgetCommand>(command: C, ...args: Parameters<WidgetCommands[C]>): void {
  switchboardApi()?.(command, ...args);
}

/**
 * Subscribes to a widget event and returns an unsubscribe that always works: a queued `on`
 * can't hand back the widget's unsubscribe, so the callback is also switched off here.
 */
export function subscribe<E extends WidgetEventName>(event: E, callback: (...args: WidgetEventMap[E]) => void): () => void {
  const api = switchboardApi();
  if (!api) return () => undefined;
  let active = true;
  // Called loosely: the typed signature can't relate a generic event to its arguments.
  const on = api as unknown as (command: 'on', name: string, cb: (...args: unknown[]) => void) => unknown;
  const off = on('on', event, (...args) => {
    if (active) (callback as (...a: unknown[]) => void)(...args);
  });
  return () => {
    active = false;
    if (typeof off === 'function') (off as () => void)();
  };
}

/** Adds widget.js to the page once. Returns false when it was already there (then use `boot`). */
export function loadWidgetScript(options: WidgetScriptOptions): boolean {
  const win = hostWindow();
  if (!win || win.document.getElementById(SCRIPT_ID)) return false;
  switchboardApi();
  const script = win.document.createElement('script');
  script.id = SCRIPT_ID;
  script.async = true;
  script.src = `${options.baseUrl.replace(/\/+$/, '')}/widget.js`;
  const data: Record<string, string | undefined> = {
    agent: options.agentId,
    customerId: options.customerId,
    customerHash: options.customerHash,
    metadata: options.metadata ? JSON.stringify(options.metadata) : undefined,
    title: options.title,
    color: options.color,
    position: options.position,
    lang: options.lang,
    open: options.open ? 'true' : undefined,
  };
  for (const [key, value] of Object.entries(data)) if (value !== undefined) script.dataset[key] = value;
  win.document.body.appendChild(script);
  return true;
}
