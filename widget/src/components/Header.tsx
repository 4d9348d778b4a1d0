import { useWidget } from '../hooks/useWidget';
import type { WidgetState } from '../lib/widget-state';
import { MinimiseIcon } from './Icons';

/** Title, who is answering (the AI or a person) and the minimise button. */
export function Header({ state }: { state: WidgetState }) {
  const { controller, t, title } = useWidget();
  const support = state.session?.mode === 'support';
  const who = support ? t.supportJoined : state.agent ? `${state.agent.name} · ${t.aiAssistant}` : t.aiAssistant;
  return (
    <div class="sb-header">
      <div class="sb-heading">
        <h2 class="sb-title">{title}</h2>
        <p class={`sb-subtitle${support ? ' sb-subtitle-support' : ''}`}>
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
