import { useEffect, useRef } from 'preact/hooks';
import type { MessageDto } from '../../../shared/src/contract/types';
import type { TypingPayload } from '../../../shared/src/events';
import { EmptyState } from './EmptyState';
import { MessageItem } from './MessageItem';

const STICK_TO_BOTTOM_PX = 80;

function typingText(t: TypingPayload, agentName: string): string {
  if (t.from === 'customer') return 'Customer is typing…';
  if (t.from === 'operator') return `${t.name ?? 'An operator'} is typing…`;
  return t.state === 'thinking' ? `${agentName || 'AI'} is thinking…` : `${agentName || 'AI'} is writing…`;
}

/** The whole conversation, following new messages while the reader is at the bottom. */
export function Thread({ messages, agentName, typing, onMessage, greeting }: { messages: MessageDto[]; agentName: string; typing: TypingPayload | null; onMessage?: (message: MessageDto) => void; greeting?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const last = messages[messages.length - 1];
  useEffect(() => {
    const el = ref.current;
    if (el && atBottom.current) el.scrollTop = el.scrollHeight;
  }, [messages.length, last?.content, last?.toolCall?.status, typing]);
  const onScroll = (): void => {
    const el = ref.current;
    if (el) atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < STICK_TO_BOTTOM_PX;
  };
  return (
    <div class="thread" ref={ref} onScroll={onScroll} data-testid="thread" aria-live="polite">
      {/* The greeting the widget shows first (not a stored message): the operator sees what the customer saw (issue 22.4). */}
      {greeting && (
        <p class="msg msg--agent thread__greeting" data-testid="thread-greeting">
          <span class="msg__meta">
            <span class="msg__author">{agentName || 'AI'} · greeting shown in the widget</span>
          </span>
          <span class="msg__body">{greeting}</span>
        </p>
      )}
      {messages.length === 0 ? (
        <EmptyState title="No messages yet">The conversation appears here as it happens.</EmptyState>
      ) : (
        <ol class="thread__list">
          {messages.map((m) => (
            <MessageItem key={m.id} message={m} agentName={agentName} onMessage={onMessage} />
          ))}
        </ol>
      )}
      {typing && (
        <p class="thread__typing" data-testid="typing">
          {typingText(typing, agentName)}
        </p>
      )}
    </div>
  );
}
