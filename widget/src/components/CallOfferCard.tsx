import { useState } from 'preact/hooks';
import { useWidget } from '../hooks/useWidget';
import type { CallState } from '../lib/widget-state';

/** E.164: a plus, a country code not starting with 0, 7 to 15 digits in all. */
export const E164 = /^\+[1-9]\d{6,14}$/;

/** Spaces, dashes, dots and brackets people type in phone numbers. */
const normalisePhone = (raw: string): string => raw.replace(/[\s\-.()]/g, '');

/** The AI's offer of a phone call: a number field while offered, then the call's progress. */
export function CallOfferCard({ call }: { call: CallState }) {
  const { controller, t } = useWidget();
  const [phone, setPhone] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (call.status !== 'offered') {
    return (
      <div class="sb-card" role="status">
        {t.callStatus[call.status]}
        {call.phone && <span class="sb-muted"> · {call.phone}</span>}
      </div>
    );
  }

  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    const number = normalisePhone(phone);
    if (!E164.test(number)) {
      setError(t.callPhoneInvalid);
      return;
    }
    setBusy(true);
    const failure = await controller.acceptCall(number);
    setBusy(false);
    setError(failure ? failure.message : null);
  };

  return (
    <form class="sb-card" onSubmit={submit} aria-label={t.callOfferTitle} noValidate>
      <p class="sb-card-title">{t.callOfferTitle}</p>
      {call.reason && <p class="sb-muted">{call.reason}</p>}
      <label class="sb-field-label" for="sb-phone">
        {t.callPhoneLabel}
      </label>
      <input
        id="sb-phone"
        class="sb-input"
        type="tel"
        inputMode="tel"
        autoComplete="tel"
        placeholder="+4930123456"
        value={phone}
        aria-invalid={error !== null}
        aria-describedby={error ? 'sb-phone-error' : undefined}
        onInput={(e) => setPhone(e.currentTarget.value)}
      />
      {error && (
        <p id="sb-phone-error" class="sb-error" role="alert">
          {error}
        </p>
      )}
      <div class="sb-card-actions">
        <button type="submit" class="sb-chip sb-primary" disabled={busy}>
          {t.callAccept}
        </button>
        <button type="button" class="sb-chip" onClick={() => controller.declineCall()}>
          {t.callDecline}
        </button>
      </div>
    </form>
  );
}
