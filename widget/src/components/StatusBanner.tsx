import { useWidget } from '../hooks/useWidget';
import type { WidgetState } from '../lib/widget-state';

/**
 * Connection trouble first (offline, refused), then a failed action, then a pending help
 * request. Who is answering (AI or a person) is shown in the header.
 */
export function StatusBanner({ state }: { state: WidgetState }) {
  const { t } = useWidget();
  const session = state.session;
  let text: string | null = null;
  let tone = 'info';
  if (state.fatal) {
    text = state.fatal === 'origin_not_allowed' ? t.errors.origin_not_allowed : t.errors.unavailable;
    tone = 'error';
  } else if (state.connection === 'offline') {
    text = t.offline;
    tone = 'warning';
  } else if (state.notice) {
    text = state.notice;
    tone = 'error';
  } else if (session && session.status !== 'closed' && session.mode === 'ai' && session.helpRequested) {
    text = t.helpRequested;
  }
  // Always rendered, so screen readers announce changes to an existing live region.
  return (
    <div class={`sb-banner${text ? ` sb-banner-${tone}` : ' sb-banner-empty'}`} role="status" aria-live="polite">
      {text}
    </div>
  );
}
