import { useState } from 'preact/hooks';
import type { MessageDto } from '../../../shared/src/contract/types';
import { SwitchboardError } from '../../../shared/src/client/switchboard-error';
import { errorMessage } from '../lib/api';
import { emitWithAck } from '../lib/socket';
import { decisionErrorText } from '../lib/tool-calls';

export interface ToolDecision {
  busy: boolean;
  error: string | null;
  /** The field the server named in its error (an edited argument that failed the tool's schema). */
  errorField: string | null;
  approve: (args?: Record<string, unknown>) => Promise<void>;
  deny: (reason: string) => Promise<void>;
}

/**
 * Approving or denying one tool call over `/operator` (`tool:approve` / `tool:deny`). The
 * acked message replaces the call in the thread at once; `message:updated` follows anyway.
 */
export function useToolDecision(sessionId: string, toolCallId: string, onMessage: (m: MessageDto) => void): ToolDecision {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [errorField, setErrorField] = useState<string | null>(null);

  const run = async (decide: () => Promise<{ message: MessageDto }>): Promise<void> => {
    setBusy(true);
    setError(null);
    setErrorField(null);
    try {
      onMessage((await decide()).message);
    } catch (err) {
      setError(err instanceof SwitchboardError ? decisionErrorText(err.code, errorMessage(err)) : errorMessage(err));
      setErrorField(err instanceof SwitchboardError ? (err.field ?? null) : null);
    } finally {
      setBusy(false);
    }
  };

  return {
    busy,
    error,
    errorField,
    approve: (args) => run(() => emitWithAck('tool:approve', args ? { sessionId, toolCallId, arguments: args } : { sessionId, toolCallId })),
    deny: (reason) => run(() => emitWithAck('tool:deny', reason.trim() ? { sessionId, toolCallId, reason: reason.trim() } : { sessionId, toolCallId })),
  };
}
