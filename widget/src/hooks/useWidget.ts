import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import type { ChatController } from '../lib/chat-controller';
import type { Strings } from '../i18n';
import type { WidgetState } from '../lib/widget-state';

export interface WidgetContextValue {
  controller: ChatController;
  t: Strings;
  lang: string;
  title: string;
}

export const WidgetContext = createContext<WidgetContextValue | null>(null);

/** The controller, the strings and the language, provided once by `App`. */
export function useWidget(): WidgetContextValue {
  const value = useContext(WidgetContext);
  if (!value) throw new Error('useWidget() outside <App>');
  return value;
}

/** Re-renders the component whenever the controller's state changes. */
export function useWidgetState(): WidgetState {
  const { controller } = useWidget();
  const [state, setState] = useState(controller.store.get());
  useEffect(() => {
    setState(controller.store.get()); // in case it changed between render and subscribe
    return controller.store.subscribe((s) => setState(s));
  }, [controller]);
  return state;
}
