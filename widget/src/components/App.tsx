import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { WidgetContext, useWidget, useWidgetState } from '../hooks/useWidget';
import { loadStrings, type Strings } from '../i18n';
import type { ChatController } from '../lib/chat-controller';
import { Launcher } from './Launcher';
import { Panel } from './Panel';

interface Locale {
  lang: string;
  t: Strings;
}

interface AppProps {
  controller: ChatController;
  /** The language the widget starts in, already loaded. */
  initial: Locale;
  title: string | undefined;
  position: 'left' | 'right';
}

/** The widget's root: the launcher button and, while open, the chat panel. */
export function App({ controller, initial, title, position }: AppProps) {
  const { lang, t } = useLocale(controller, initial);
  const context = useMemo(() => ({ controller, t, lang, title: title ?? t.defaultTitle }), [controller, lang, t, title]);
  return (
    <WidgetContext.Provider value={context}>
      <Root position={position} />
    </WidgetContext.Provider>
  );
}

/**
 * The language to show — the one asked for (`data-lang`, `setLocale`, the browser's), else the
 * agent's from the session snapshot — and its strings. A language not loaded yet is fetched;
 * until it arrives the current one stays.
 */
function useLocale(controller: ChatController, initial: Locale): Locale {
  const wanted = (): string => {
    const s = controller.store.get();
    return s.chosenLang ?? s.agent?.language ?? initial.lang;
  };
  const [lang, setLang] = useState(wanted);
  const [locale, setLocale] = useState(initial);
  useEffect(() => controller.store.subscribe(() => setLang(wanted())), [controller]);
  useEffect(() => {
    let current = true;
    if (lang !== locale.lang) void loadStrings(lang).then((t) => current && setLocale({ lang, t }));
    return () => void (current = false);
  }, [lang]);
  return locale;
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

  if (state.shutDown) return null;
  const classes = `sb-root sb-${position}${state.open ? ' sb-is-open' : ''}${state.launcherHidden ? ' sb-hidden' : ''}`;
  return (
    <div class={classes} lang={lang}>
      {state.open && <Panel state={state} />}
      <Launcher buttonRef={launcher} open={state.open} unread={state.unread} />
    </div>
  );
}
