import type { SessionMode, SessionStatus } from '../../../shared/src/contract/types';

export function StatusBadge({ status }: { status: SessionStatus }) {
  return (
    <span class={`badge badge--${status}`} data-testid="status-badge">
      {status}
    </span>
  );
}

export function ModeBadge({ mode }: { mode: SessionMode }) {
  return (
    <span class={`badge badge--mode-${mode}`} data-testid="mode-badge" data-mode={mode}>
      {mode === 'ai' ? 'AI' : 'Human'}
    </span>
  );
}

export function AwaitingBadge() {
  return (
    <span class="badge badge--awaiting" data-testid="awaiting-badge" title="In human hands, and the customer has not had an answer from a person yet">
      Awaiting reply
    </span>
  );
}

export function HelpBadge() {
  return (
    <span class="badge badge--help" data-testid="help-badge">
      Help requested
    </span>
  );
}

export function ApprovalBadge() {
  return (
    <span class="badge badge--approval" data-testid="approval-badge" title="The AI wants to run an action that needs a person's approval">
      Approval needed
    </span>
  );
}
