import { useState } from 'preact/hooks';
import type { PromptSuggestionDto } from '../../../shared/src/contract/types';
import { useAgents } from '../hooks/useAgents';
import { errorMessage } from '../lib/api';
import { formatTime } from '../lib/format';
import { insightsApi } from '../lib/insights-api';
import { showToast } from '../lib/toasts';

function Suggestion({ s, admin, onDecided }: { s: PromptSuggestionDto; admin: boolean; onDecided: () => void }) {
  const { byId } = useAgents();
  const [text, setText] = useState(s.text);
  const [busy, setBusy] = useState(false);
  const decide = async (accept: boolean): Promise<void> => {
    setBusy(true);
    try {
      if (accept) await insightsApi.accept(s.id, text.trim() === s.text ? undefined : text.trim());
      else await insightsApi.dismiss(s.id);
      showToast({ tone: 'success', title: accept ? 'Added to the agent’s prompt' : 'Suggestion dismissed' });
      onDecided();
    } catch (err) {
      showToast({ tone: 'error', title: 'Could not decide', body: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <li class="suggestion card" data-testid="suggestion">
      <p class="muted small">
        For {byId.get(s.agentId)?.name ?? 'an agent'} · by {s.createdBy} · {formatTime(s.createdAt)}
      </p>
      {admin ? (
        <label class="field">
          <span class="field__label">Text to add to the prompt</span>
          <textarea class="input" rows={3} value={text} onInput={(e) => setText(e.currentTarget.value)} data-testid="suggestion-text" />
        </label>
      ) : (
        <p data-testid="suggestion-text">{s.text}</p>
      )}
      {admin ? (
        <div class="teach__actions">
          <button type="button" class="btn btn--primary btn--sm" disabled={busy || !text.trim()} onClick={() => void decide(true)} data-testid="suggestion-accept">
            Accept into the prompt
          </button>
          <button type="button" class="btn btn--sm" disabled={busy} onClick={() => void decide(false)} data-testid="suggestion-dismiss">
            Dismiss
          </button>
        </div>
      ) : (
        <p class="muted small">Waiting for an admin.</p>
      )}
    </li>
  );
}

/** Pending prompt suggestions: admins accept (the text joins the agent's prompt) or dismiss them. */
export function PromptSuggestions({ suggestions, admin, onDecided }: { suggestions: PromptSuggestionDto[]; admin: boolean; onDecided: () => void }) {
  if (suggestions.length === 0) return <p class="muted">No prompt suggestions waiting.</p>;
  return (
    <ul class="suggestions">
      {suggestions.map((s) => (
        <Suggestion key={s.id} s={s} admin={admin} onDecided={onDecided} />
      ))}
    </ul>
  );
}
