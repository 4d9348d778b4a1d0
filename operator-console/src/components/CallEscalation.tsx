import { useState } from 'preact/hooks';
import type { SessionDto } from '../../../shared/src/contract/types';
import { errorMessage } from '../lib/api';
import { requestCall } from '../lib/desk-api';
import { showToast } from '../lib/toasts';

/**
 * Escalate to a phone call from the console (issue 22.6): the same `POST
 * /v1/chat/sessions/:id/calls` the widget's call offer uses — the voice platform gets the
 * chat's summary and calls the number. Shown only when the agent has call escalation on.
 */
export function CallEscalation({ session }: { session: SessionDto }) {
  const [phone, setPhone] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const call = async (e: Event): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      await requestCall(session.id, phone.trim());
      showToast({ tone: 'success', title: 'Call requested', body: `The voice agent will call ${phone.trim()}.` });
      setPhone('');
    } catch (err) {
      setProblem(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="card call-escalation" onSubmit={(e) => void call(e)} data-testid="call-escalation">
      <h3 class="meta__title">Phone call</h3>
      <label class="field">
        <span class="field__label">Customer's phone number</span>
        <input class="input" type="tel" autoComplete="off" placeholder="+33 6 12 34 56 78" data-testid="call-phone" value={phone} onInput={(e) => setPhone(e.currentTarget.value)} />
      </label>
      {problem && <p class="field__error" role="alert">{problem}</p>}
      <button type="submit" class="btn btn--sm" data-testid="call-request" disabled={busy || !phone.trim() || session.status === 'closed'}>
        {busy ? 'Requesting…' : 'Escalate to a call'}
      </button>
    </form>
  );
}
