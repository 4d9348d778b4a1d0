import { useEffect, useMemo, useState } from 'react';
import { runCommand, subscribe } from './host';
import type { WidgetBootOptions, WidgetEventMap, WidgetEventName, WidgetIdentity, WidgetUpdate } from './widget-api';

export interface SwitchboardControls {
  /** True once the widget is mounted and takes commands (always false on the server). */
  ready: boolean;
  /** Messages the visitor hasn't seen (0 while the panel is open). */
  unread: number;
  open(): void;
  close(): void;
  toggle(): void;
  hide(): void;
  show(): void;
  boot(options?: WidgetBootOptions): void;
  shutdown(): void;
  update(update?: WidgetUpdate): void;
  identify(identity: WidgetIdentity & { metadata?: Record<string, unknown> }): void;
  setLocale(locale: string): void;
  showNewMessage(text?: string): void;
  /** Subscribes to a widget event; returns the unsubscribe. */
  on<E extends WidgetEventName>(event: E, callback: (...args: WidgetEventMap[E]) => void): () => void;
}

/**
 * The widget's JS API as a hook. Commands given before widget.js has loaded are queued and
 * replayed; on the server every command does nothing.
 *
 *   const sb = useSwitchboard();
 *   <button onClick={() => sb.showNewMessage('About my order')}>Help ({sb.unread})</button>
 */
export function useSwitchboard(): SwitchboardControls {
  const [ready, setReady] = useState(false);
  const [unread, setUnread] = useState(0);
  useEffect(() => {
    const offs = [subscribe('ready', () => setReady(true)), subscribe('unread', (n) => setUnread(n))];
    return () => offs.forEach((off) => off());
  }, []);
  const commands = useMemo(
    () => ({
      open: () => runCommand('open'),
      close: () => runCommand('close'),
      toggle: () => runCommand('toggle'),
      hide: () => runCommand('hide'),
      show: () => runCommand('show'),
      boot: (options?: WidgetBootOptions) => runCommand('boot', options),
      shutdown: () => runCommand('shutdown'),
      update: (update?: WidgetUpdate) => runCommand('update', update),
      identify: (identity: WidgetIdentity & { metadata?: Record<string, unknown> }) => runCommand('identify', identity),
      setLocale: (locale: string) => runCommand('setLocale', locale),
      showNewMessage: (text?: string) => runCommand('showNewMessage', text),
      on: subscribe,
    }),
    [],
  );
  return { ready, unread, ...commands };
}
