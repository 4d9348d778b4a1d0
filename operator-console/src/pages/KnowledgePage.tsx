import { useEffect, useState } from 'preact/hooks';
import { ErrorNotice } from '../components/ErrorNotice';
import { TextField } from '../components/Field';
import { useAsync } from '../hooks/useAsync';
import { api, errorMessage } from '../lib/api';
import { knowledgeApi, type KbDocument, type KbHit } from '../lib/desk-api';
import { showToast } from '../lib/toasts';

/**
 * Admin: a knowledge base's documents — add, edit, delete — and "what would the AI find" for
 * a question, through the same search a reply uses (issue 22.6).
 */
export function KnowledgePage() {
  const bases = useAsync(() => api.listKnowledgeBases());
  const [kbId, setKbId] = useState('');
  useEffect(() => {
    if (!kbId && bases.data?.knowledgeBases[0]) setKbId(bases.data.knowledgeBases[0].id);
  }, [bases.data]);
  const docs = useAsync(() => (kbId ? knowledgeApi.documents(kbId) : Promise.resolve({ documents: [] })), [kbId]);
  const [editing, setEditing] = useState<KbDocument | null>(null);
  const [title, setTitle] = useState('');
  const [content, setContent] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const startEdit = (doc: KbDocument | null): void => {
    setEditing(doc);
    setTitle(doc?.title ?? '');
    setContent(doc?.content ?? '');
    setProblem(null);
  };

  const save = async (e: Event): Promise<void> => {
    e.preventDefault();
    try {
      if (editing) await knowledgeApi.update(kbId, editing.id, { title, content });
      else await knowledgeApi.add(kbId, { title, content });
      showToast({ tone: 'success', title: editing ? 'Document saved' : 'Document added' });
      startEdit(null);
      docs.reload();
    } catch (err) {
      setProblem(errorMessage(err));
    }
  };

  const remove = async (doc: KbDocument): Promise<void> => {
    if (!window.confirm(`Delete “${doc.title}”? The AI stops finding it at once.`)) return;
    try {
      await knowledgeApi.remove(kbId, doc.id);
      showToast({ tone: 'success', title: 'Document deleted' });
      docs.reload();
    } catch (err) {
      setProblem(errorMessage(err));
    }
  };

  return (
    <div class="page">
      <div class="page__head">
        <h1>Knowledge</h1>
        {(bases.data?.knowledgeBases.length ?? 0) > 1 && (
          <select class="input" aria-label="Knowledge base" data-testid="kb-select" value={kbId} onChange={(e) => setKbId(e.currentTarget.value)}>
            {bases.data?.knowledgeBases.map((kb) => (
              <option key={kb.id} value={kb.id}>
                {kb.name}
              </option>
            ))}
          </select>
        )}
      </div>
      {(bases.error || docs.error) && <ErrorNotice message={bases.error ?? docs.error ?? ''} />}
      {bases.data && bases.data.knowledgeBases.length === 0 && <p class="muted">No knowledge base yet: create one over the API (`POST /v1/knowledge-bases`).</p>}
      {kbId && <KnowledgeTry kbId={kbId} />}
      {kbId && (
        <section class="card kb" aria-labelledby="kb-docs">
          <h2 id="kb-docs">Documents</h2>
          <ul class="kb__docs" data-testid="kb-docs">
            {docs.data?.documents.map((doc) => (
              <li key={doc.id} class="kb__doc" data-testid="kb-doc">
                <span class="kb__title">{doc.title}</span>
                <span class="muted small">{doc.chunks} passage{doc.chunks === 1 ? '' : 's'}</span>
                <button type="button" class="btn btn--sm" data-testid="kb-edit" onClick={() => startEdit(doc)} aria-label={`Edit ${doc.title}`}>
                  Edit
                </button>
                <button type="button" class="btn btn--sm btn--danger" data-testid="kb-delete" onClick={() => void remove(doc)} aria-label={`Delete ${doc.title}`}>
                  Delete
                </button>
              </li>
            ))}
          </ul>
          <form class="kb__form" onSubmit={(e) => void save(e)} data-testid="kb-form">
            <h3>{editing ? `Edit “${editing.title}”` : 'Add a document'}</h3>
            {problem && <ErrorNotice message={problem} />}
            <TextField label="Title" testId="kb-title" value={title} onValue={setTitle} required />
            <TextField label="Content" testId="kb-content" rows={8} value={content} onValue={setContent} required hint="Plain text; it is split into passages the AI is given when a question matches." />
            <div class="page__actions">
              {editing && (
                <button type="button" class="btn btn--ghost" onClick={() => startEdit(null)}>
                  Cancel
                </button>
              )}
              <button type="submit" class="btn btn--primary" data-testid="kb-save" disabled={!title.trim() || !content.trim()}>
                {editing ? 'Save document' : 'Add document'}
              </button>
            </div>
          </form>
        </section>
      )}
    </div>
  );
}

/** "What would the AI find for this question": the passages a reply would be given. */
function KnowledgeTry({ kbId }: { kbId: string }) {
  const [question, setQuestion] = useState('');
  const [hits, setHits] = useState<KbHit[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const ask = async (e: Event): Promise<void> => {
    e.preventDefault();
    try {
      setProblem(null);
      setHits((await knowledgeApi.search(kbId, question)).passages);
    } catch (err) {
      setProblem(errorMessage(err));
    }
  };
  return (
    <section class="card kb" aria-labelledby="kb-try">
      <h2 id="kb-try">What would the AI find?</h2>
      <form class="kb__try" role="search" onSubmit={(e) => void ask(e)}>
        <input class="input" type="search" aria-label="A customer's question" placeholder="e.g. Where is my order?" data-testid="kb-question" value={question} onInput={(e) => setQuestion(e.currentTarget.value)} />
        <button type="submit" class="btn" data-testid="kb-ask" disabled={!question.trim()}>
          Search
        </button>
      </form>
      {problem && <ErrorNotice message={problem} />}
      {hits && hits.length === 0 && <p class="muted" data-testid="kb-no-hits">Nothing: the AI would answer this without the knowledge base.</p>}
      {hits && hits.length > 0 && (
        <ol class="kb__hits" data-testid="kb-hits">
          {hits.map((hit, i) => (
            <li key={`${hit.documentId ?? ''}${i}`} data-testid="kb-hit">
              <strong>{hit.title}</strong> <span class="muted">{hit.text}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
