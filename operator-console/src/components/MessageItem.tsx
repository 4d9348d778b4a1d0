import type { MessageDto } from '../../../shared/src/contract/types';
import { formatFullTime, formatTime } from '../lib/format';
import { AttachmentView } from './AttachmentView';
import { FormattedText } from './FormattedText';
import { ToolCallItem } from './ToolCallItem';

const AUTHOR: Record<MessageDto['role'], string> = {
  customer: 'Customer',
  agent: 'AI',
  operator: 'Operator',
  whisper: 'Whisper to AI',
  context: 'Context',
  system: 'System',
  tool: 'Tool call',
};

function author(m: MessageDto, agentName: string): string {
  if (m.role === 'agent') return agentName || AUTHOR.agent;
  if (m.role === 'operator' && m.author) return m.author.name;
  if (m.role === 'whisper' && m.author) return `${m.author.name} → AI`;
  if (m.role === 'context' && m.source) return `Context · ${m.source}`;
  return AUTHOR[m.role];
}

/** One message. Content is rendered as text (never as HTML), so markup in it stays inert. */
export function MessageItem({ message: m, agentName, onMessage }: { message: MessageDto; agentName: string; onMessage?: (message: MessageDto) => void }) {
  if (m.role === 'tool' && m.toolCall) return <ToolCallItem message={m} call={m.toolCall} onMessage={onMessage} />;
  const staffOnly = m.role === 'whisper' || m.role === 'context' || m.role === 'tool';
  const streaming = m.status === 'streaming';
  return (
    <li class={`msg msg--${m.role} ${streaming ? 'is-streaming' : ''}`} data-testid={`msg-${m.role}`} data-seq={m.seq} data-status={m.status}>
      <div class="msg__meta">
        <span class="msg__author">{author(m, agentName)}</span>
        <time dateTime={m.createdAt} title={formatFullTime(m.createdAt)}>
          {formatTime(m.createdAt)}
        </time>
        {staffOnly && (
          <span class="msg__staff" data-testid="staff-only">
            Only visible to staff
          </span>
        )}
        {m.status === 'interrupted' && <span class="msg__flag">Cut off by takeover</span>}
        {m.status === 'failed' && <span class="msg__flag msg__flag--error">Reply failed</span>}
      </div>
      <div class="msg__body" data-testid="msg-content">
        <FormattedText text={m.content} />
        {/* A reply that failed before its first word: say so rather than leave an empty bubble. */}
        {!m.content && !m.attachment && (m.status === 'failed' || m.status === 'interrupted') && (
          <span class="msg__empty muted" data-testid="msg-no-text">
            {m.status === 'failed' ? 'The AI reply failed before it wrote anything.' : 'Cut off before the AI wrote anything.'}
          </span>
        )}
        {m.attachment && <AttachmentView attachment={m.attachment} />}
        {streaming && <span class="caret" data-testid="caret" aria-hidden="true" />}
      </div>
    </li>
  );
}
