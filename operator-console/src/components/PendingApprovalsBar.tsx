import type { MessageDto } from '../../../shared/src/contract/types';
import { pendingApprovals } from '../lib/tool-calls';

/** Brings a waiting approval card into view and puts the keyboard on its first button. */
function reveal(toolCallId: string): void {
  const card = document.querySelector<HTMLElement>(`[data-testid="approval-card"][data-tool-call-id="${CSS.escape(toolCallId)}"]`);
  card?.scrollIntoView({ block: 'center' });
  card?.querySelector<HTMLButtonElement>('button')?.focus();
}

/** Above the thread: the AI actions waiting for a decision, each a button to its card (a long thread hides it). */
export function PendingApprovalsBar({ messages }: { messages: MessageDto[] }) {
  const waiting = pendingApprovals(messages);
  if (waiting.length === 0) return null;
  return (
    <div class="notice notice--approval" role="status" data-testid="pending-approvals">
      <span>
        {waiting.length === 1 ? 'An AI action waits for your approval:' : `${waiting.length} AI actions wait for your approval:`}{' '}
        {waiting.map((m) => (
          <button key={m.id} type="button" class="btn btn--sm" data-testid="pending-approval-jump" onClick={() => reveal(m.toolCall?.toolCallId ?? '')}>
            Review <code>{m.toolCall?.name}</code>
          </button>
        ))}
      </span>
    </div>
  );
}
