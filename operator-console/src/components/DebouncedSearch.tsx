import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

const DEBOUNCE_MS = 350;

interface Props {
  /** The committed value (from the URL). */
  value: string;
  /** Called with the trimmed text once typing pauses ('' clears). */
  onCommit: (value: string) => void;
  label: string;
  placeholder: string;
  testId: string;
  class?: string;
  inputRef?: RefObject<HTMLInputElement | null>;
}

/** A search box that commits what was typed after a pause, not on every key. */
export function DebouncedSearch({ value, onCommit, label, placeholder, testId, class: className, inputRef }: Props) {
  const [text, setText] = useState(value);
  // The newest onCommit, read when the timer fires: it closes over the filters as they are
  // then. Captured when typing started, it wrote back filters changed meanwhile (issue 22.1).
  const commit = useRef(onCommit);
  commit.current = onCommit;
  useEffect(() => setText(value), [value]);
  useEffect(() => {
    if (text.trim() === value) return;
    const timer = window.setTimeout(() => commit.current(text.trim()), DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [text]);
  return (
    <input
      ref={inputRef}
      class={`input ${className ?? ''}`}
      type="search"
      placeholder={placeholder}
      aria-label={label}
      data-testid={testId}
      value={text}
      onInput={(e) => setText(e.currentTarget.value)}
    />
  );
}
