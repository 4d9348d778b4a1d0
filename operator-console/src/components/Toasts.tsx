import { useEffect, useState } from 'preact/hooks';
import { dismissToast, subscribeToasts, type Toast } from '../lib/toasts';

/** The stack of toasts, bottom right; announced politely to screen readers. */
export function Toasts() {
  const [list, setList] = useState<Toast[]>([]);
  useEffect(() => subscribeToasts(setList), []);
  return (
    <div class="toasts" aria-live="polite">
      {list.map((t) => (
        <div key={t.id} class={`toast toast--${t.tone}`} data-testid={`toast-${t.tone}`}>
          <div class="toast__text">
            <strong>{t.title}</strong>
            {t.body && <span>{t.body}</span>}
          </div>
          {t.action && (
            <button
              type="button"
              class="btn btn--sm"
              onClick={() => {
                t.action?.run();
                dismissToast(t.id);
              }}
            >
              {t.action.label}
            </button>
          )}
          <button type="button" class="toast__close" aria-label="Dismiss" onClick={() => dismissToast(t.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
