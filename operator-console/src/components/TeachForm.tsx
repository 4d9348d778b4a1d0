import { useState } from 'preact/hooks';
import type { KnowledgeBaseSummary } from '../lib/api';
import { errorMessage } from '../lib/api';
import { insightsApi, suggestionDraft } from '../lib/insights-api';
import { showToast } from '../lib/toasts';
import { ErrorNotice } from './ErrorNotice';
import { TextField } from './Field';

interface Props {
  agentId: string;
  sessionId: string;
  question: string | null;
  answer: string;
  /** The agent's knowledge bases (a document elsewhere would not reach this agent). */
  knowledgeBases: KnowledgeBaseSummary[];
  onDone: (kind: 'knowledge' | 'prompt') => void;
  onCancel: () => void;
}

/**
 * Turns a person's answer into something the AI will know next time: a knowledge-base document
 * (saved at once through the knowledge endpoint) or a prompt suggestion for the agent's admin.
 * Everything is editable before it is saved.
 */
export function TeachForm({ agentId, sessionId, question, answer, knowledgeBases, onDone, onCancel }: Props) {
  const [kind, setKind] = useState<'knowledge' | 'prompt'>(knowledgeBases.length ? 'knowledge' : 'prompt');
  const [kbId, setKbId] = useState(knowledgeBases[0]?.id ?? '');
  const [title, setTitle] = useState(question ?? '');
  const [content, setContent] = useState(answer);
  const [prompt, setPrompt] = useState(suggestionDraft(question, answer));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async (e: Event): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (kind === 'knowledge') await insightsApi.addDocument(kbId, { title: title.trim(), content });
      else await insightsApi.suggest({ agentId, sessionId, text: prompt });
      showToast({ tone: 'success', title: kind === 'knowledge' ? 'Added to the knowledge base' : 'Suggested to the agent’s admin' });
      onDone(kind);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="teach" data-testid="teach-form" onSubmit={(e) => void save(e)}>
      <fieldset class="teach__kind">
        <legend>Teach the AI with this answer</legend>
        <label class="check">
          <input type="radio" name={`kind-${sessionId}`} checked={kind === 'knowledge'} disabled={!knowledgeBases.length} onChange={() => setKind('knowledge')} data-testid="teach-kind-knowledge" /> A knowledge-base document
        </label>
        <label class="check">
          <input type="radio" name={`kind-${sessionId}`} checked={kind === 'prompt'} onChange={() => setKind('prompt')} data-testid="teach-kind-prompt" /> A prompt change for the admin
        </label>
        {!knowledgeBases.length && <p class="muted small">This agent uses no knowledge base yet: add one in its settings to save documents.</p>}
      </fieldset>
      {kind === 'knowledge' ? (
        <>
          <label class="field">
            <span class="field__label">Knowledge base</span>
            <select class="input" value={kbId} onChange={(e) => setKbId(e.currentTarget.value)} data-testid="teach-kb">
              {knowledgeBases.map((kb) => (
                <option key={kb.id} value={kb.id}>
                  {kb.name}
                </option>
              ))}
            </select>
          </label>
          <TextField label="Title" testId="teach-title" value={title} onValue={setTitle} required />
          <TextField label="Content" testId="teach-content" value={content} onValue={setContent} rows={4} required />
        </>
      ) : (
        <TextField label="Add to the prompt" testId="teach-prompt" value={prompt} onValue={setPrompt} rows={4} required hint="An admin accepts (it is added to the agent’s prompt) or dismisses it." />
      )}
      {error && <ErrorNotice message={error} />}
      <div class="teach__actions">
        <button type="submit" class="btn btn--primary btn--sm" disabled={busy} data-testid="teach-save">
          {kind === 'knowledge' ? 'Save document' : 'Suggest'}
        </button>
        <button type="button" class="btn btn--sm" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
