import { useEffect, useRef, useState } from 'preact/hooks';
import { useWidget } from '../hooks/useWidget';
import { PaperclipIcon, SendIcon } from './Icons';

const ACCEPT = 'image/png,image/jpeg,image/gif,image/webp,application/pdf,text/plain';

/** After this long without a keystroke the visitor counts as no longer typing. */
export const TYPING_IDLE_MS = 3000;
const MAX_HEIGHT_PX = 120;

/** `Switchboard('showNewMessage', text)`: the text lands in the box (now, or when the box appears), unsent. */
function useDraft(controller: ReturnType<typeof useWidget>['controller'], setText: (text: string) => void): void {
  useEffect(() => {
    const take = (draft: string | null): void => {
      if (draft === null) return;
      setText(draft);
      controller.store.set({ draft: null });
    };
    take(controller.store.get().draft);
    return controller.store.subscribe((s) => take(s.draft));
  }, [controller]);
}

/** The message box: Enter sends, Shift+Enter adds a line; it grows with its text. */
export function Composer({ disabled }: { disabled: boolean }) {
  const { controller, t } = useWidget();
  const [text, setText] = useState('');
  useDraft(controller, setText);
  const input = useRef<HTMLTextAreaElement>(null);
  const [uploading, setUploading] = useState(false);
  const attach = async (file: File | undefined): Promise<void> => {
    if (!file || disabled) return;
    setUploading(true);
    const failure = await controller.sendFile(file);
    setUploading(false);
    if (failure) controller.store.set({ notice: failure.message });
  };
  const typing = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const stopTyping = (): void => {
    if (typing.current === undefined) return;
    clearTimeout(typing.current);
    typing.current = undefined;
    controller.setTyping(false);
  };
  useEffect(() => stopTyping, []);

  useEffect(() => {
    const el = input.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, MAX_HEIGHT_PX)}px`;
  }, [text]);

  const onInput = (value: string): void => {
    setText(value);
    if (typing.current === undefined) controller.setTyping(true);
    clearTimeout(typing.current);
    typing.current = setTimeout(stopTyping, TYPING_IDLE_MS);
  };

  const send = (): void => {
    if (!text.trim() || disabled) return;
    controller.send(text);
    setText('');
    stopTyping();
    input.current?.focus();
  };

  const onKeyDown = (e: KeyboardEvent): void => {
    // isComposing: Enter that confirms an IME candidate (Japanese, Chinese …) must not send.
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      send();
    }
  };

  return (
    <form
      class="sb-composer"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <label class="sb-sr-only" for="sb-input">
        {t.composerLabel}
      </label>
      <textarea
        id="sb-input"
        ref={input}
        class="sb-textarea"
        rows={1}
        placeholder={t.composerPlaceholder}
        value={text}
        disabled={disabled}
        onInput={(e) => onInput(e.currentTarget.value)}
        onKeyDown={onKeyDown}
      />
      <label class="sb-attach" title={uploading ? t.uploading : t.attachFile} aria-busy={uploading}>
        <PaperclipIcon />
        <span class="sb-sr-only">{uploading ? t.uploading : t.attachFile}</span>
        <input type="file" class="sb-sr-only" accept={ACCEPT} data-testid="attach-input" disabled={disabled || uploading} onChange={(e) => (void attach(e.currentTarget.files?.[0]), (e.currentTarget.value = ''))} />
      </label>
      <button type="submit" class="sb-send" aria-label={t.send} title={t.send} disabled={disabled || !text.trim()}>
        <SendIcon />
      </button>
    </form>
  );
}
