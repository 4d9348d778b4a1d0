import { useState } from 'preact/hooks';
import { useWidget } from '../hooks/useWidget';
import type { WidgetState } from '../lib/widget-state';

/** "Talk to a human" and "End chat" (with an inline confirmation, not a blocking confirm()). */
export function Toolbar({ state }: { state: WidgetState }) {
  const { controller, t } = useWidget();
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const session = state.session;
  if (!session || session.status === 'closed') return null;

  const run = (action: () => Promise<void>) => async (): Promise<void> => {
    setBusy(true);
    try {
      await action();
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  if (confirming) {
    return (
      <div class="sb-toolbar sb-confirm" role="group" aria-label={t.endChatConfirm}>
        <span>{t.endChatConfirm}</span>
        <button type="button" class="sb-chip sb-danger" disabled={busy} onClick={run(() => controller.endChat())}>
          {t.endChat}
        </button>
        <button type="button" class="sb-chip" onClick={() => setConfirming(false)}>
          {t.cancel}
        </button>
      </div>
    );
  }

  const canAskHuman = session.mode === 'ai' && !session.helpRequested;
  return (
    <div class="sb-toolbar">
      {canAskHuman && (
        <button type="button" class="sb-chip" disabled={busy || state.connection !== 'online'} onClick={run(() => controller.requestHelp())}>
          {t.talkToHuman}
        </button>
      )}
      <button type="button" class="sb-chip sb-end" onClick={() => setConfirming(true)}>
        {t.endChat}
      </button>
    </div>
  );
}
