import { useWidget } from '../hooks/useWidget';

/** Shown instead of the composer once the session is closed. */
export function ClosedState() {
  const { controller, t } = useWidget();
  return (
    <div class="sb-closed">
      <p>{t.closedTitle}</p>
      <button type="button" class="sb-chip sb-primary" onClick={() => controller.startNew()}>
        {t.startNew}
      </button>
    </div>
  );
}
