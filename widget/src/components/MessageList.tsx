import { useLayoutEffect, useRef } from 'preact/hooks';
import type { MessageDto } from '../../../shared/src/index';
import { useWidget } from '../hooks/useWidget';
import type { WidgetState } from '../lib/widget-state';
import { MessageBubble } from './MessageBubble';
import { OutboxBubble } from './OutboxBubble';
import { TypingIndicator } from './TypingIndicator';

const VISIBLE = new Set(['customer', 'agent', 'operator', 'system']);
/** Within this many pixels of the bottom, new messages keep the view scrolled down. */
const STICK_THRESHOLD_PX = 48;

/** The conversation: greeting first, then messages by seq, then unsent ones, then typing. */
export function MessageList({ state }: { state: WidgetState }) {
  const { t } = useWidget();
  const scroller = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const { thread, agent } = state;
  const closed = state.session?.status === 'closed';

  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  });

  const onScroll = (): void => {
    const el = scroller.current;
    if (el) stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < STICK_THRESHOLD_PX;
  };

  const greeting: MessageDto | null = agent?.greeting
    ? { id: 'greeting', sessionId: '', seq: 0, role: 'agent', content: agent.greeting, status: 'complete', createdAt: state.session?.createdAt ?? '' }
    : null;

  return (
    // Focusable, so the conversation scrolls from the keyboard too (it holds no control to tab to).
    <div class="sb-scroll" ref={scroller} onScroll={onScroll} tabIndex={0} role="region" aria-label={t.messagesLabel}>
      <div class="sb-log" role="log" aria-live="polite">
        {greeting && <MessageBubble message={greeting} text={greeting.content} agentName={agent?.name ?? ''} />}
        {thread.messages
          .filter((m) => VISIBLE.has(m.role))
          .map((m) => (
            <MessageBubble key={m.id} message={m} text={m.content} agentName={agent?.name ?? ''} label={thread.labels[m.id]} />
          ))}
        {thread.pending.map((p) => (
          <OutboxBubble key={p.clientMessageId} item={p} closed={closed} />
        ))}
      </div>
      <TypingIndicator typing={state.typing} />
    </div>
  );
}
