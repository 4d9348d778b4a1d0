import { useWidget, useWidgetState } from '../hooks/useWidget';
import { CsatForm } from './CsatForm';

/** Shown instead of the composer once the session is closed: the rating, then a fresh start. */
export function ClosedState() {
  const { controller, t } = useWidget();
  const rated = useWidgetState().session?.rated ?? false;
  return (
    <div class="sb-closed">
      <p>{t.closedTitle}</p>
      {rated ? (
        <p class="sb-csat-thanks" role="status" data-testid="csat-thanks">
          {t.csatThanks}
        </p>
      ) : (
        <CsatForm />
      )}
      <button type="button" class="sb-chip sb-primary" onClick={() => controller.startNew()}>
        {t.startNew}
      </button>
    </div>
  );
}
