import { useWidget } from '../hooks/useWidget';
import type { PendingMessage } from '../lib/widget-thread';
import type { Strings } from '../i18n';
import { FormattedText } from './FormattedText';

function problem(t: Strings, item: PendingMessage, closed: boolean): string | null {
  const code = item.error?.code;
  if (closed && item.state === 'sending') return t.errors.session_closed;
  if (code === 'rate_limited') return t.errors.rate_limited(item.error?.retryAfter ?? 5);
  if (item.state !== 'failed') return null;
  if (code === 'message_too_large' || code === 'session_closed') return t.errors[code];
  return t.errors.generic;
}

/** A customer message not yet acknowledged: "Sending…", or why not and a Retry button. */
export function OutboxBubble({ item, closed }: { item: PendingMessage; closed: boolean }) {
  const { controller, t } = useWidget();
  const error = problem(t, item, closed);
  return (
    <div class={`sb-msg sb-msg-customer sb-pending${error ? ' sb-has-error' : ''}`}>
      <div class="sb-author sb-sr-only">{t.you}</div>
      <div class="sb-bubble">
        <FormattedText text={item.content} />
      </div>
      <div class="sb-meta">
        {error ? <span class="sb-error">{error}</span> : <span>{t.sending}</span>}
        {item.state === 'failed' && !closed && item.error?.code !== 'message_too_large' && (
          <button type="button" class="sb-link-button" onClick={() => controller.retry(item.clientMessageId)}>
            {t.retry}
          </button>
        )}
      </div>
    </div>
  );
}
