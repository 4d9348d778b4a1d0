import { useEffect, useRef } from 'preact/hooks';
import { initialHotkeys, pressKey, type HotkeyAction } from '../lib/hotkeys';

const NON_TEXT_INPUTS = ['checkbox', 'radio', 'button', 'submit', 'reset'];

/** Keys typed into a text field (or a select) are text, not shortcuts; a focused checkbox is not. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLInputElement) return !NON_TEXT_INPUTS.includes(target.type);
  return target.isContentEditable || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT';
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
