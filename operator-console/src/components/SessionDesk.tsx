import { useState } from 'preact/hooks';
import type { MessageDto, SessionDto } from '../../../shared/src/contract/types';
import { useAuth } from '../hooks/useAuth';
import { useOperators } from '../hooks/useOperators';
import { api, errorMessage, fetchBlob, saveBlob, uploadAttachment } from '../lib/api';

interface Props {
  session: SessionDto;
  onSession: (session: SessionDto) => void;
  onMessage: (message: MessageDto) => void;
}

const STARS = (n: number): string => '★'.repeat(n) + '☆'.repeat(5 - n);

/** Support-desk tools for one session: owner hand-off, CSAT, transcript download, send a file. */
export function SessionDesk({ session, onSession, onMessage }: Props) {
  const { operator } = useAuth();
  const operators = useOperators();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const canAssign = operator.role === 'admin' || session.assignedTo === operator.id;

  const run = async (work: () => Promise<void>): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const assign = (operatorId: string) => run(async () => onSession((await api.assignSession(session.id, operatorId)).session));
  const transcript = (format: 'text' | 'html') =>
    run(async () => saveBlob(await fetchBlob(`/v1/chat/sessions/${encodeURIComponent(session.id)}/transcript?format=${format}`), `transcript-${session.id}.${format === 'html' ? 'html' : 'txt'}`));
  const attach = (file: File | undefined) => file && run(async () => onMessage((await uploadAttachment(session.id, file)).message));

  return (
    <section class="desk" aria-label="Support desk" data-testid="session-desk">
      <h3 class="meta__title">Owner</h3>
      {canAssign ? (
        <select class="input input--sm" data-testid="assign-select" aria-label="Hand on to" value={session.assignedTo ?? ''} disabled={busy} onChange={(e) => e.currentTarget.value && void assign(e.currentTarget.value)}>
          <option value="">Nobody</option>
          {operators.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name} ({o.status})
            </option>
          ))}
        </select>
      ) : (
        <p class="muted small" data-testid="owner-name">
          {session.assignedTo ? (operators.find((o) => o.id === session.assignedTo)?.name ?? 'Another operator') : 'Nobody'}
        </p>
      )}
      <h3 class="meta__title">Customer rating</h3>
      {session.csat ? (
        <p data-testid="session-csat" data-rating={session.csat.rating}>
          <span aria-label={`${session.csat.rating} out of 5`}>{STARS(session.csat.rating)}</span>
          {session.csat.comment && <span class="csat__comment">“{session.csat.comment}”</span>}
        </p>
      ) : (
        <p class="muted small">Not rated yet</p>
      )}
      <h3 class="meta__title">Transcript</h3>
      <div class="desk__actions">
        <button type="button" class="btn btn--sm" data-testid="download-transcript" aria-label="Download the transcript as text" disabled={busy} onClick={() => void transcript('text')}>
          Text
        </button>
        <button type="button" class="btn btn--sm" data-testid="download-transcript-html" aria-label="Download the transcript as HTML" disabled={busy} onClick={() => void transcript('html')}>
          HTML
        </button>
      </div>
      {session.status !== 'closed' && (
        <>
          <h3 class="meta__title">Files</h3>
          <label class="btn btn--sm">
            Send a file…
            <input type="file" class="visually-hidden" data-testid="attach-input" accept="image/png,image/jpeg,image/gif,image/webp,application/pdf,text/plain" onChange={(e) => void attach(e.currentTarget.files?.[0])} />
          </label>
        </>
      )}
      {error && (
        <p class="msg__flag msg__flag--error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
