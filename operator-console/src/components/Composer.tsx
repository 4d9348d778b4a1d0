import { useEffect, useRef, useState } from 'preact/hooks';
import type { ComposerAction, Control, ControlState } from '../lib/commands';
import { emit } from '../lib/socket';
import { useCannedPicker } from '../hooks/useCannedPicker';
import { CannedSuggestions } from './CannedSuggestions';

const TYPING_IDLE_MS = 3_000;
const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

interface Props {
  sessionId: string;
  agentId: string;
  states: Record<Control, ControlState>;
  defaultAction: ComposerAction | null;
  busy: string | null;
  onSend: (action: ComposerAction, content: string, respond: boolean) => Promise<boolean>;
}

const LABEL: Record<ComposerAction, { tab: string; placeholder: string; send: string }> = {
  whisper: { tab: 'Whisper to AI', placeholder: 'Private guidance for the AI — never shown to the customer', send: 'Whisper' },
  tell: { tab: 'Tell customer', placeholder: 'Write to the customer', send: 'Send to customer' },
};

/** Whisper or tell. Defaults to tell while a human has taken over; Ctrl/Cmd+Enter sends. */
export function Composer({ sessionId, agentId, states, defaultAction, busy, onSend }: Props) {
  const [action, setAction] = useState<ComposerAction | null>(defaultAction);
  const [text, setText] = useState('');
  const [respond, setRespond] = useState(false);
  const typingTimer = useRef<number | undefined>(undefined);
  useEffect(() => setAction(defaultAction), [defaultAction]);
  const canned = useCannedPicker(agentId, sessionId, text);
  const insert = (reply: (typeof canned.matches)[number]): void => {
    canned.render(reply).then(setText, () => setText(reply.text));
  };

  const stopTyping = (): void => {
    if (typingTimer.current === undefined) return;
    window.clearTimeout(typingTimer.current);
    typingTimer.current = undefined;
    emit('typing', { sessionId, active: false });
  };
  useEffect(() => stopTyping, [sessionId]);

  const onInput = (value: string): void => {
    setText(value);
    if (action !== 'tell') return; // only the customer sees operator typing
    if (typingTimer.current === undefined) emit('typing', { sessionId, active: true });
    else window.clearTimeout(typingTimer.current);
    typingTimer.current = window.setTimeout(stopTyping, TYPING_IDLE_MS);
  };

  const actions = (['whisper', 'tell'] as const).filter((a) => states[a].visible);
  if (!action || actions.length === 0) return null;
  const enabled = states[action].enabled;
  const submit = async (): Promise<void> => {
    const content = text.trim();
    if (!content || !enabled || busy) return;
    stopTyping();
    if (await onSend(action, content, action === 'whisper' && respond)) {
      setText('');
      setRespond(false); // "Reply now" is a per-message choice
    }
  };

  return (
    <form class={`composer composer--${action}`} onSubmit={(e) => (e.preventDefault(), void submit())}>
      <div class="composer__tabs" role="radiogroup" aria-label="Send as">
        {actions.map((a) => (
          <button key={a} type="button" role="radio" aria-checked={a === action} class={`tab ${a === action ? 'is-active' : ''}`} data-testid={`cmd-${a}`} disabled={!states[a].enabled} title={states[a].reason} onClick={() => setAction(a)}>
            {LABEL[a].tab}
          </button>
        ))}
      </div>
      <textarea
        class="input composer__input"
        rows={3}
        data-testid="composer"
        aria-label={LABEL[action].tab}
        placeholder={LABEL[action].placeholder}
        value={text}
        disabled={!enabled}
        onInput={(e) => onInput(e.currentTarget.value)}
        aria-autocomplete="list"
        aria-controls={canned.matches.length ? 'canned-list' : undefined}
        onKeyDown={(e) => {
          const pick = canned.matches[canned.active];
          if (pick && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
            e.preventDefault();
            canned.move(e.key === 'ArrowDown' ? 1 : -1);
          } else if (pick && (e.key === 'Tab' || (e.key === 'Enter' && !e.ctrlKey && !e.metaKey))) {
            e.preventDefault();
            insert(pick);
          } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void submit();
          }
        }}
      />
      <CannedSuggestions matches={canned.matches} active={canned.active} onPick={insert} />
      <div class="composer__bar">
        {action === 'whisper' ? (
          <label class="check">
            <input type="checkbox" data-testid="reply-now" checked={respond} onChange={(e) => setRespond(e.currentTarget.checked)} />
            Reply now
          </label>
        ) : (
          <span class="muted small">The customer sees this as a message from you.</span>
        )}
        <span class="muted small">{isMac ? '⌘' : 'Ctrl'}+Enter to send</span>
        <button type="submit" class="btn btn--primary btn--sm" data-testid="composer-send" disabled={!enabled || busy !== null || text.trim() === ''}>
          {busy === action ? 'Sending…' : LABEL[action].send}
        </button>
      </div>
    </form>
  );
}
