import { useState } from 'preact/hooks';
import { useWidget } from '../hooks/useWidget';

/** After a chat ends: 1–5 stars and an optional comment, sent once (`csat:submit`). */
export function CsatForm() {
  const { controller, t } = useWidget();
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  const submit = async (): Promise<void> => {
    if (!rating || sending) return;
    setSending(true);
    const failure = await controller.submitCsat(rating, comment);
    setSending(false);
    setError(failure ? failure.message : null);
  };

  return (
    <form class="sb-csat" data-testid="csat-form" onSubmit={(e) => (e.preventDefault(), void submit())}>
      <fieldset class="sb-csat-stars">
        <legend>{t.csatQuestion}</legend>
        {[1, 2, 3, 4, 5].map((n) => (
          <label key={n} class={`sb-star${n <= rating ? ' sb-on' : ''}`} title={t.csatStar(n)}>
            <input type="radio" name="sb-csat" class="sb-sr-only" value={n} checked={rating === n} data-testid={`csat-${n}`} onChange={() => setRating(n)} />
            <span aria-hidden="true">★</span>
            <span class="sb-sr-only">{t.csatStar(n)}</span>
          </label>
        ))}
      </fieldset>
      <label class="sb-sr-only" for="sb-csat-comment">
        {t.csatComment}
      </label>
      <textarea id="sb-csat-comment" class="sb-textarea sb-csat-comment" rows={2} maxLength={2000} placeholder={t.csatComment} data-testid="csat-comment" value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
      {error && (
        <p class="sb-csat-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" class="sb-chip sb-primary" data-testid="csat-submit" disabled={!rating || sending}>
        {t.csatSubmit}
      </button>
    </form>
  );
}
