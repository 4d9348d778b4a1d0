import type { MessageDto } from '../../../shared/src/index';
import { useWidget } from '../hooks/useWidget';
import { formatTimestamp } from '../lib/time';
import { FormattedText } from './FormattedText';
import { Timestamp } from './Timestamp';
import { AttachmentPreview } from './AttachmentPreview';

interface MessageBubbleProps {
  message: MessageDto;
  /** What to show now (the streamed text while streaming). */
  text: string;
  agentName: string;
  /** What the AI is doing meanwhile (a tool's progress label), while it streams. */
  label?: string;
}

/** One message. Customer right, agent left, operator left with their name, system centred. */
export function MessageBubble({ message, text, agentName, label }: MessageBubbleProps) {
  const { t, lang } = useWidget();
  const { role, status } = message;
  const streaming = status === 'streaming';
  // A reply that ended (failed, cut off) before its first word shows that, not typing dots forever.
  const ended = status === 'failed' || status === 'interrupted';
  const author =
    role === 'operator' ? `${message.author?.name ?? t.support} (${t.support})` : role === 'agent' ? agentName : role === 'system' ? t.system : t.you;
  const time = formatTimestamp(message.createdAt, lang);
  return (
    <div class={`sb-msg sb-msg-${role}${streaming ? ' sb-streaming' : ''}`} aria-busy={streaming}>
      {author && <div class={`sb-author${role === 'customer' || role === 'system' ? ' sb-sr-only' : ''}`}>{author}</div>}
      <div class="sb-bubble">
        {message.attachment ? (
          <>
            {text && <FormattedText text={text} />}
            <AttachmentPreview attachment={message.attachment} />
          </>
        ) : text ? (
          <FormattedText text={text} />
        ) : ended ? (
          <span class="sb-status" data-testid="reply-ended">
            {status === 'failed' ? t.failed : t.interrupted}
          </span>
        ) : (
          <span class="sb-dots" aria-hidden="true"><i /><i /><i /></span>
        )}
        {streaming && label && (
          <div class="sb-progress" role="status">
            {label}
          </div>
        )}
      </div>
      <div class="sb-meta">
        {time.short && <Timestamp iso={message.createdAt} short={time.short} full={time.full} />}
        {text && status === 'interrupted' && <span class="sb-status"> · {t.interrupted}</span>}
        {text && status === 'failed' && <span class="sb-status"> · {t.failed}</span>}
      </div>
    </div>
  );
}
