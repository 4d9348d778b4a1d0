import { useEffect, useRef } from 'preact/hooks';
import { WidgetContext, useWidget, useWidgetState, type WidgetContextValue } from '../hooks/useWidget';
import { Launcher } from './Launcher';
import { Panel } from './Panel';

interface AppProps extends WidgetContextValue {
  position: 'left' | 'right';
}

/** The widget's root: the launcher button and, while open, the chat panel. */
export function App({ position, ...context }: AppProps) {
  return (
    <WidgetContext.Provider value={context}>
      <Root position={position} />
    </WidgetContext.Provider>
  );
}

function Root({ position }: { position: 'left' | 'right' }) {
  const state = useWidgetState();
  const { lang } = useWidget();
  const launcher = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(state.open);

  useEffect(() => {
    // Back to the launcher on close, but only if focus was in the widget: a host page that
    // closes us through the API keeps its own focus.
    const root = launcher.current?.getRootNode();
    const focusInside = root instanceof ShadowRoot && root.activeElement !== null;
    if (wasOpen.current && !state.open && (focusInside || document.activeElement === document.body)) launcher.current?.focus();
    wasOpen.current = state.open;
  }, [state.open]);

  return (
    <div class={`sb-root sb-${position}${state.open ? ' sb-is-open' : ''}`} lang={lang}>
      {state.open && <Panel state={state} />}
      <Launcher buttonRef={launcher} open={state.open} unread={state.unread} />
    </div>
  );
}
