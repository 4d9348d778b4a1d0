import { useState } from 'preact/hooks';
import { useAsync } from '../hooks/useAsync';
import { api, errorMessage } from '../lib/api';

const SHORTCUT = /^\/[a-z0-9_-]{1,40}$/;

/** An agent's canned replies: list, add (`/shortcut` + text with `{{metadata.field}}`), delete. */
export function CannedRepliesEditor({ agentId }: { agentId: string }) {
  const list = useAsync(() => api.listCannedReplies(agentId), [agentId]);
  const [shortcut, setShortcut] = useState('/');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);

  const add = async (e: Event): Promise<void> => {
    e.preventDefault();
    if (!SHORTCUT.test(shortcut)) return setError('A shortcut looks like /refund: a slash, then 1–40 of a-z 0-9 _ -');
    if (!text.trim()) return setError('Write the reply text');
    try {
      await api.createCannedReply(agentId, { shortcut, text });
      setShortcut('/');
      setText('');
      setError(null);
      list.reload();
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const remove = async (id: string): Promise<void> => {
    await api.deleteCannedReply(agentId, id).catch((err: unknown) => setError(errorMessage(err)));
    list.reload();
  };

  return (
    <section class="page canned-editor" aria-label="Canned replies" data-testid="canned-editor">
      <h2>Canned replies</h2>
      <p class="muted small">Operators type the shortcut in the composer to insert the text. {'{{metadata.name}}'} is filled from the session's metadata.</p>
      <ul class="rows">
        {(list.data?.cannedReplies ?? []).map((r) => (
          <li key={r.id} class="row canned-editor__row" data-testid="canned-row">
            <b>{r.shortcut}</b> <span class="muted">{r.text}</span>
            <button type="button" class="btn btn--ghost btn--sm" data-testid="canned-delete" onClick={() => void remove(r.id)}>
              Delete
            </button>
          </li>
        ))}
      </ul>
      <form class="canned-editor__form" onSubmit={(e) => void add(e)}>
        <input class="input" aria-label="Shortcut" data-testid="canned-shortcut" value={shortcut} onInput={(e) => setShortcut(e.currentTarget.value.toLowerCase())} />
        <textarea class="input" rows={2} aria-label="Reply text" data-testid="canned-text" placeholder="Hi {{metadata.name}}, …" value={text} onInput={(e) => setText(e.currentTarget.value)} />
        <button type="submit" class="btn btn--primary btn--sm" data-testid="canned-add">
          Add reply
        </button>
      </form>
      {error && (
        <p class="msg__flag msg__flag--error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
