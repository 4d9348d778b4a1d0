import { useEffect, useRef, useState } from 'preact/hooks';
import type { MessageDto, ToolCallDto } from '../../../shared/src/contract/types';
import { useNow } from '../hooks/useNow';
import { useToolDecision } from '../hooks/useToolDecision';
import { argumentsText, formatCountdown, parseEditedArguments, secondsLeft } from '../lib/tool-calls';

const TICK_MS = 1000;

type Step = 'review' | 'edit' | 'deny';

interface Props {
  message: MessageDto;
  call: ToolCallDto;
  onMessage: (message: MessageDto) => void;
}

function Deadline({ expiresAt }: { expiresAt: string | null }) {
  const left = secondsLeft(expiresAt, useNow(TICK_MS, expiresAt !== null));
  if (left === null) return null;
  return (
    // role=timer is not announced on every tick; the label says what happens at zero.
    <p class={`approval__deadline ${left <= 30 ? 'is-urgent' : ''}`} role="timer" data-testid="approval-deadline">
      {left > 0 ? `${formatCountdown(left)} left to decide — then it is denied` : 'Time is up: the call is being denied'}
    </p>
  );
}

/**
 * An AI action waiting for a person: the tool and its arguments, the time left, and Approve /
 * Approve with edits / Deny (with a reason the model is given). Edited arguments must be a JSON
 * object before they are sent; the server checks them against the tool's schema again.
 */
export function ApprovalCard({ message, call, onMessage }: Props) {
  const decision = useToolDecision(message.sessionId, call.toolCallId, onMessage);
  const [step, setStep] = useState<Step>('review');
  const [argsText, setArgsText] = useState(() => argumentsText(call.arguments));
  const [argsError, setArgsError] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const id = `approval-${call.toolCallId}`;

  useEffect(() => {
    if (step !== 'review') inputRef.current?.focus();
  }, [step]);

  const approveEdited = (): void => {
    const parsed = parseEditedArguments(argsText, call.arguments);
    if (!parsed.ok) return setArgsError(parsed.message);
    setArgsError(null);
    void decision.approve(parsed.changed ? parsed.arguments : undefined);
  };
  const fieldError = argsError ?? (step === 'edit' && decision.errorField ? decision.error : null);

  return (
    <section class="approval" role="group" aria-labelledby={`${id}-title`} data-testid="approval-card" data-tool-call-id={call.toolCallId}>
      <h3 class="approval__title" id={`${id}-title`}>
        Approval needed: the AI wants to run <code>{call.name}</code>
      </h3>
      <Deadline expiresAt={call.expiresAt} />
      {step === 'edit' ? (
        <label class="field">
          <span class="field__label">Arguments (JSON)</span>
          <textarea
            ref={inputRef}
            class={`input input--mono ${fieldError ? 'is-invalid' : ''}`}
            rows={Math.min(12, argsText.split('\n').length + 1)}
            value={argsText}
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={fieldError ? `${id}-args-error` : undefined}
            data-testid="approval-args"
            onInput={(e) => setArgsText(e.currentTarget.value)}
          />
          {fieldError && (
            <span class="field__error" id={`${id}-args-error`} data-testid="approval-args-error">
              {fieldError}
            </span>
          )}
        </label>
      ) : (
        <pre class="approval__args" data-testid="approval-arguments" aria-label="Arguments">
          {argumentsText(call.arguments)}
        </pre>
      )}
      {step === 'deny' && (
        <label class="field">
          <span class="field__label">Reason (the AI is told it)</span>
          <textarea ref={inputRef} class="input" rows={2} maxLength={500} value={reason} data-testid="approval-reason" onInput={(e) => setReason(e.currentTarget.value)} placeholder="e.g. Already refunded last week" />
        </label>
      )}
      {decision.error && !fieldError && (
        <p class="notice notice--error" role="alert" data-testid="approval-error">
          {decision.error}
        </p>
      )}
      <div class="approval__actions">
        {step === 'review' && (
          <>
            <button type="button" class="btn btn--primary btn--sm" disabled={decision.busy} data-testid="approval-approve" onClick={() => void decision.approve()}>
              Approve
            </button>
            <button type="button" class="btn btn--sm" disabled={decision.busy} data-testid="approval-edit" onClick={() => setStep('edit')}>
              Approve with edits
            </button>
            <button type="button" class="btn btn--danger btn--sm" disabled={decision.busy} data-testid="approval-deny-open" onClick={() => setStep('deny')}>
              Deny…
            </button>
          </>
        )}
        {step === 'edit' && (
          <button type="button" class="btn btn--primary btn--sm" disabled={decision.busy} data-testid="approval-approve-edited" onClick={approveEdited}>
            Approve with these arguments
          </button>
        )}
        {step === 'deny' && (
          <button type="button" class="btn btn--danger btn--sm" disabled={decision.busy} data-testid="approval-deny" onClick={() => void decision.deny(reason)}>
            Deny
          </button>
        )}
        {step !== 'review' && (
          <button type="button" class="btn btn--ghost btn--sm" disabled={decision.busy} data-testid="approval-back" onClick={() => (setStep('review'), setArgsError(null))}>
            Back
          </button>
        )}
      </div>
    </section>
  );
}
