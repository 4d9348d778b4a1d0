/**
 * The `Switchboard()` global as the loader serves it. Until the rest of the widget has loaded,
 * commands are queued (and replayed in order once it has), `on` subscriptions are kept here,
 * and the few things the page can see — the launcher shown or hidden — are done here. The app
 * is fetched when the browser is idle after the page loaded, or at once when the visitor or the
 * page opens the panel.
 */
import { WIDGET_EVENTS, type SwitchboardApi, type WidgetEventName } from '../../../shared/src/widget-api';
import { createEmitter } from '../lib/emitter';
import type { WidgetConfig } from '../lib/config';
import { LAUNCHER_OPEN, pickLanguage } from '../i18n/languages';
import type { AppApi, HostEvents, MountApp } from './handoff';
import { mountPlaceholder, type Placeholder } from './placeholder';

declare global {
  interface Window {
    Switchboard?: SwitchboardApi;
  }
}

/** Commands that show the panel: the app is needed now, not when idle. */
const OPENING = new Set(['open', 'toggle', 'showNewMessage']);

export class Shell {
  readonly events = createEmitter<HostEvents>();
  private app: AppApi | null = null;
  private loading: Promise<void> | null = null;
  private placeholder: Placeholder | null = null;
  private readonly queue: [string, unknown[]][] = [];
  private hidden = false;
  private ready = false;

  constructor(
    private readonly config: WidgetConfig,
    private lang: string | null,
    /** The app chunk's URL. */
    private readonly appUrl: string,
  ) {}

  /** Replaces the page's stub with the real function and takes over its queue. */
  install(win: Window = window): void {
    const api = ((command: string, ...args: unknown[]) => this.call(command, args)) as SwitchboardApi;
    api.loaded = true;
    const queued = win.Switchboard?.q ?? [];
    win.Switchboard = api;
    for (const call of Array.from(queued)) {
      const [command, ...args] = Array.from(call);
      if (typeof command === 'string') this.call(command, args);
    }
  }

  call(command: string, args: unknown[]): unknown {
    if (command === 'on') return this.subscribe(args[0], args[1]);
    if (this.app) return this.app.run(command, args);
    this.queue.push([command, args]);
    if (command === 'hide' || command === 'shutdown') this.setHidden(true);
    if (command === 'show' || command === 'boot') this.setHidden(command === 'boot' && (args[0] as { hideLauncher?: unknown } | undefined)?.hideLauncher === true);
    if (command === 'setLocale' && typeof args[0] === 'string') this.lang = pickLanguage(args[0], []) ?? this.lang;
    if (OPENING.has(command)) void this.load();
    return undefined;
  }

  /** Shows the launcher (idempotent); needs document.body. */
  mount(): void {
    if (this.placeholder) return;
    const label = LAUNCHER_OPEN[this.lang ?? ''] ?? (LAUNCHER_OPEN.en as string);
    this.placeholder = mountPlaceholder(this.config, label, this.hidden, () => this.call('open', []));
  }

  /** Fetches and mounts the app once; a failed fetch may be tried again by the next open. */
  load(): Promise<void> {
    this.loading ??= this.fetchAndMount().catch((err: unknown) => {
      console.error('Switchboard: could not load the widget', err);
      this.loading = null;
    });
    return this.loading;
  }

  private async fetchAndMount(): Promise<void> {
    await domReady();
    this.mount();
    this.placeholder?.setBusy();
    // A classic script may import() a module: the app and its chunks are ES modules.
    const mod = (await import(this.appUrl)) as { mountApp: MountApp };
    // Evaluating the module was one task; mounting is the next, so neither holds the page long.
    await nextIdle();
    const placeholder = this.placeholder as Placeholder;
    const app = await mod.mountApp({ config: this.config, shadow: placeholder.shadow, container: placeholder.container, events: this.events, lang: this.lang });
    for (const [command, args] of this.queue.splice(0)) app.run(command, args);
    this.app = app;
    app.start();
    this.ready = true;
    this.events.emit('ready');
  }

  private setHidden(hidden: boolean): void {
    this.hidden = hidden;
    this.placeholder?.setHidden(hidden);
  }

  private subscribe(event: unknown, cb: unknown): () => void {
    if (typeof event !== 'string' || !(WIDGET_EVENTS as readonly string[]).includes(event) || typeof cb !== 'function') {
      console.warn(`Switchboard('on', event, callback): event must be one of ${WIDGET_EVENTS.join(', ')}.`);
      return () => undefined;
    }
    const name = event as WidgetEventName;
    const off = this.events.on(name, (...args: unknown[]) => (cb as (...a: unknown[]) => void)(...args));
    // Late subscribers to 'ready' are called at once (asynchronously, like the event would be).
    if (name === 'ready' && this.ready) queueMicrotask(() => (cb as () => void)());
    return off;
  }
}

/** Upper bound on how long a step waits for an idle moment. */
const IDLE_TIMEOUT_MS = 2000;

/** Runs `fn` when the browser is idle (at most IDLE_TIMEOUT_MS later). */
export function whenIdle(fn: () => void): void {
  if ('requestIdleCallback' in window) window.requestIdleCallback(fn, { timeout: IDLE_TIMEOUT_MS });
  else setTimeout(fn, 1);
}

const nextIdle = (): Promise<void> => new Promise((resolve) => whenIdle(resolve));

/** Resolves once document.body exists (an async script may run before the parser reaches it). */
export function domReady(): Promise<void> {
  if (document.readyState !== 'loading') return Promise.resolve();
  return new Promise((resolve) => document.addEventListener('DOMContentLoaded', () => resolve(), { once: true }));
}
