import { useWidget } from '../hooks/useWidget';
import type { WidgetState } from '../lib/widget-state';
import { MinimiseIcon } from './Icons';

/** Title, who is answering (the AI or a person) and the minimise button. */
export function Header({ state }: { state: WidgetState }) {
  const { controller, t, title } = useWidget();
  const closed = state.session?.status === 'closed';
  const support = !closed && state.session?.mode === 'support';
  const who = closed ? t.closedTitle : support ? t.supportJoined : state.agent ? `${state.agent.name} · ${t.aiAssistant}` : t.aiAssistant;
  const tone = closed ? ' sb-subtitle-closed' : support ? ' sb-subtitle-support' : '';
  return (
    <div class="sb-header">
      <div class="sb-heading">
        <h2 class="sb-title">{title}</h2>
        <p class={`sb-subtitle${tone}`} data-testid="widget-subtitle">
          <span class="sb-dot" aria-hidden="true" />
          {who}
        </p>
      </div>
      <button type="button" class="sb-icon-button" aria-label={t.minimise} title={t.minimise} onClick={() => controller.close()}>
        <MinimiseIcon />
      </button>
    </div>
  );
}
