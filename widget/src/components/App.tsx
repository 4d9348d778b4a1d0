import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { WidgetContext, useWidget, useWidgetState } from '../hooks/useWidget';
import { stringsFor } from '../i18n';
import type { ChatController } from '../lib/chat-controller';
import { Launcher } from './Launcher';
import { Panel } from './Panel';

interface AppProps {
  controller: ChatController;
  /** `data-lang` or the browser's language, when the widget has it; else the agent's is used. */
  chosenLang: string | null;
  /** The agent's language as last stored in this browser, until the server says. */
  storedAgentLang: string | null;
  title: string | undefined;
  position: 'left' | 'right';
}

/** The widget's root: the launcher button and, while open, the chat panel. */
export function App({ controller, chosenLang, storedAgentLang, title, position }: AppProps) {
  const agentLang = useAgentLanguage(controller) ?? storedAgentLang;
  const lang = chosenLang ?? agentLang ?? 'en';
  const context = useMemo(() => {
    const t = stringsFor(lang);
    return { controller, t, lang, title: title ?? t.defaultTitle };
  }, [controller, lang, title]);
  return (
    <WidgetContext.Provider value={context}>
      <Root position={position} />
    </WidgetContext.Provider>
  );
}

/** The agent's language from the session snapshot; re-renders only when it changes. */
function useAgentLanguage(controller: ChatController): string | null {
  const read = () => controller.store.get().agent?.language ?? null;
  const [lang, setLang] = useState(read);
  useEffect(() => controller.store.subscribe(() => setLang(read())), [controller]);
  return lang;
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
