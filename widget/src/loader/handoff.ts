/**
 * What the loader (widget.js) hands the rest of the widget (app.tsx) once it has fetched it,
 * and what it gets back. The loader owns the page-facing parts that must exist before the
 * app does: the host element and its shadow root, the event emitter behind `Switchboard('on')`
 * and the queue of commands; the app owns everything else.
 */
import type { WidgetEventMap } from '../../../shared/src/widget-api';
import type { Emitter } from '../lib/emitter';
import type { WidgetConfig } from '../lib/config';

export type HostEvents = WidgetEventMap & Record<string, unknown[]>;

export interface Handoff {
  config: WidgetConfig;
  /** The shadow root, with the loader's CSS adopted; the app adds its own. */
  shadow: ShadowRoot;
  /** Where the app renders; holds the loader's launcher until then. */
  container: HTMLElement;
  events: Emitter<HostEvents>;
  /** `data-lang` or the browser's language when the widget has it. */
  lang: string | null;
}

export interface AppApi {
  /** Runs one `Switchboard()` command (not `on`: the loader keeps the subscriptions). */
  run(command: string, args: unknown[]): unknown;
  /** Called after the queued commands were replayed: connects if there is a reason to. */
  start(): void;
}

/** The app chunk's export. */
export type MountApp = (handoff: Handoff) => Promise<AppApi>;
