import { useEffect, useRef } from 'preact/hooks';
import { initialHotkeys, pressKey, type HotkeyAction } from '../lib/hotkeys';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Global list shortcuts; ignored while typing in a field or with Ctrl/Cmd/Alt held. */
export function useHotkeys(handler: (action: HotkeyAction, e: KeyboardEvent) => void): void {
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    let state = initialHotkeys;
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      // Enter on a focused button or link keeps its own meaning.
      if (e.key === 'Enter' && e.target instanceof HTMLElement && e.target.closest('button, a')) return;
      const result = pressKey(state, e.key, Date.now());
      state = result.state;
      if (!result.action) return;
      e.preventDefault();
      latest.current(result.action, e);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
