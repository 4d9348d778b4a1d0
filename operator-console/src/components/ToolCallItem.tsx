import { useEffect, useRef } from 'preact/hooks';
import type { MessageDto, ToolCallDto } from '../../../shared/src/contract/types';
import { formatTime } from '../lib/format';
import { argumentsText, formatDuration, TOOL_STATUS_LABEL, toolStatusTone } from '../lib/tool-calls';
import { ApprovalCard } from './ApprovalCard';

const SOURCE_LABEL: Record<ToolCallDto['source'], string> = { http: 'HTTP tool', mcp: 'MCP tool', builtin: 'Built-in tool' };

export function ToolStatusBadge({ status }: { status: ToolCallDto['status'] }) {
  return (
    <span class={`badge badge--tool-${toolStatusTone(status)}`} data-testid="tool-status" data-status={status}>
      {TOOL_STATUS_LABEL[status]}
    </span>
  );
}

function decisionLine(call: ToolCallDto): string | null {
  if (!call.decidedBy) return null;
  const verb = call.status === 'denied' ? 'Denied' : call.status === 'cancelled' ? 'Cancelled' : 'Approved';
  return `${verb} by ${call.decidedBy.name}`;
}

/**
 * A tool call in the thread, staff only: collapsed to its name, status and duration; opened,
 * its arguments, the result excerpt and who decided. A call waiting for approval shows the
 * approval card beneath.
 */
export function ToolCallItem({ message: m, call, onMessage }: { message: MessageDto; call: ToolCallDto; onMessage?: (message: MessageDto) => void }) {
  const pending = call.status === 'pending_approval';
  const duration = formatDuration(call.durationMs);
  const decided = decisionLine(call);
  const summary = useRef<HTMLElement>(null);
  const wasPending = useRef(pending);
  // Deciding removes the card and the button that had the focus: keep the keyboard on this call.
  useEffect(() => {
    if (wasPending.current && !pending && (document.activeElement === document.body || document.activeElement === null)) summary.current?.focus();
    wasPending.current = pending;
  }, [pending]);
  return (
    <li class={`msg msg--tool ${pending ? 'is-pending' : ''}`} data-testid="msg-tool" data-seq={m.seq} data-tool={call.name} data-status={call.status}>
      <details class="toolcall">
        <summary class="toolcall__summary" data-testid="tool-summary" ref={summary}>
          <span class="toolcall__name">
            <span aria-hidden="true">⚙ </span>
            <code>{call.name}</code>
          </span>
          <ToolStatusBadge status={call.status} />
          {duration && <span class="muted small" data-testid="tool-duration">{duration}</span>}
          <time class="muted small" dateTime={m.createdAt} title={new Date(m.createdAt).toLocaleString()}>
            {formatTime(m.createdAt)}
          </time>
          <span class="msg__staff">Only visible to staff</span>
        </summary>
        <div class="toolcall__body" data-testid="tool-details">
          <p class="muted small">
            {SOURCE_LABEL[call.source]}
            {call.approval === 'always' ? ' · needs approval' : ''}
            {call.progressLabel ? ` · the customer sees “${call.progressLabel}”` : ''}
          </p>
          <p class="toolcall__heading">Arguments</p>
          <pre class="toolcall__pre">{argumentsText(call.arguments)}</pre>
          {call.result !== null && (
            <>
              <p class="toolcall__heading">Result</p>
              <pre class="toolcall__pre" data-testid="tool-result">
                {call.result}
              </pre>
            </>
          )}
          {decided && <p class="small" data-testid="tool-decided">{decided}</p>}
          {call.reason && (
            <p class="small" data-testid="tool-reason">
              {call.status === 'denied' ? 'Reason: ' : 'Error: '}
              {call.reason}
            </p>
          )}
        </div>
      </details>
      {pending && onMessage && <ApprovalCard message={m} call={call} onMessage={onMessage} />}
    </li>
  );
}
