/**
 * The widget's host-page API, `window.Switchboard(command, …args)`, as types that wrappers
 * (the React component, a typed client) import. Types only: nothing here ships at run time.
 * See docs/widget.md for what each command does, with examples.
 */
import type { CustomerSessionDto, MessageDto } from './contract/types';

/** The visitor's identity: `customerHash` is the HMAC of `customerId` with the agent's identity secret. */
export interface WidgetIdentity {
  customerId: string;
  customerHash?: string;
}

/** `boot`: start (again, after `shutdown`) with this identity, metadata and look. */
export interface WidgetBootOptions {
  customerId?: string;
  customerHash?: string;
  metadata?: Record<string, unknown>;
  /** One of the widget's languages (`en`, `de`, `fr`, `es`, `pt`, `it`, `nl`). */
  locale?: string;
  /** Start with the launcher hidden (open the panel from your own button). */
  hideLauncher?: boolean;
}

/** `update`: what changed since load, e.g. on a single-page app's route change. */
export interface WidgetUpdate {
  /** The page the visitor is on; defaults to `location.href` at the time of the call. */
  url?: string;
  /** Keys merged into the session's metadata (others kept). */
  metadata?: Record<string, unknown>;
  /** A new identity: the same as `identify`. */
  customerId?: string;
  customerHash?: string;
}

/** Events for `Switchboard('on', event, callback)`, with the callback's arguments. */
export interface WidgetEventMap {
  /** The widget is mounted and takes commands; late subscribers are called at once. */
  ready: [];
  open: [];
  close: [];
  /** A new customer-visible message, once, in its final form. */
  message: [MessageDto];
  /** The unread count changed (0 when the panel opens). */
  unread: [number];
  /** The session on every (re)connect. */
  session: [CustomerSessionDto];
}

export type WidgetEventName = keyof WidgetEventMap;

/** Every command with its arguments and what a direct (not queued) call returns. */
export interface WidgetCommands {
  boot: (options?: WidgetBootOptions) => void;
  shutdown: () => void;
  update: (update?: WidgetUpdate) => void;
  open: () => void;
  close: () => void;
  toggle: () => void;
  hide: () => void;
  show: () => void;
  identify: (identity: WidgetIdentity & { metadata?: Record<string, unknown> }) => void;
  setLocale: (locale: string) => void;
  showNewMessage: (text?: string) => void;
  on: <E extends WidgetEventName>(event: E, callback: (...args: WidgetEventMap[E]) => void) => () => void;
}

export type WidgetCommand = keyof WidgetCommands;

/** `window.Switchboard`: the typed call signature, plus the pre-load queue the stub fills. */
export interface SwitchboardApi {
  <C extends WidgetCommand>(command: C, ...args: Parameters<WidgetCommands[C]>): ReturnType<WidgetCommands[C]> | undefined;
  /** Calls made before widget.js loaded (the stub pushes `arguments`); replayed in order. */
  q?: ArrayLike<unknown>[];
  /** Set by widget.js: a second copy leaves the first alone. */
  loaded?: boolean;
}

/** Every command name, for run-time checks. */
export const WIDGET_COMMANDS: readonly WidgetCommand[] = ['boot', 'shutdown', 'update', 'open', 'close', 'toggle', 'hide', 'show', 'identify', 'setLocale', 'showNewMessage', 'on'];
/** Every event name, for run-time checks. */
export const WIDGET_EVENTS: readonly WidgetEventName[] = ['ready', 'open', 'close', 'message', 'unread', 'session'];
