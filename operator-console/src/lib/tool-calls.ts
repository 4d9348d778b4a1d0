/**
 * Tool calls as the console shows them: status labels, durations, the approval countdown and
 * the operator's edited arguments, checked before they are sent. Pure, so the rules are tested.
 */
import type { MessageDto, ToolCallDto, ToolCallStatus } from '../../../shared/src/contract/types';

export const TOOL_STATUS_LABEL: Record<ToolCallStatus, string> = {
  pending_approval: 'Waiting for approval',
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  denied: 'Denied',
  timed_out: 'Timed out',
  cancelled: 'Cancelled',
};

/** The tone of a status badge. */
export function toolStatusTone(status: ToolCallStatus): 'ok' | 'bad' | 'wait' | 'muted' {
  if (status === 'succeeded') return 'ok';
  if (status === 'failed' || status === 'denied' || status === 'timed_out') return 'bad';
  if (status === 'cancelled') return 'muted';
  return 'wait';
}

/** The tool call a message carries, if it is a tool message. */
export function toolCallOf(message: MessageDto): ToolCallDto | null {
  return message.role === 'tool' && message.toolCall ? message.toolCall : null;
}

/** Tool calls waiting for a person's decision, oldest first. */
export function pendingApprovals(messages: MessageDto[]): MessageDto[] {
  return messages.filter((m) => toolCallOf(m)?.status === 'pending_approval');
}

/** "850 ms", "2.4 s", "1 min 5 s". */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms) || ms < 0) return '';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${s % 60} s`;
}

/** Seconds left before the approval deadline (0 once passed); null without a deadline. */
export function secondsLeft(expiresAt: string | null, now: number): number | null {
  if (!expiresAt) return null;
  const at = Date.parse(expiresAt);
  if (!Number.isFinite(at)) return null;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/** "4:05" for a countdown. */
export function formatCountdown(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** Arguments as the operator sees and edits them. */
export function argumentsText(args: Record<string, unknown>): string {
  return JSON.stringify(args, null, 2);
}

export type EditedArguments = { ok: true; arguments: Record<string, unknown>; changed: boolean } | { ok: false; message: string };

/**
 * Reads the operator's edited arguments: they must be one JSON object. `changed` says whether
 * they differ from the model's, so an unchanged "approve with edits" sends none.
 */
export function parseEditedArguments(text: string, original: Record<string, unknown>): EditedArguments {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { ok: false, message: `The arguments are not valid JSON${err instanceof SyntaxError ? `: ${err.message}` : ''}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, message: 'The arguments must be a JSON object, like {"orderId": "1234"}' };
  const args = value as Record<string, unknown>;
  return { ok: true, arguments: args, changed: JSON.stringify(args) !== JSON.stringify(original) };
}

/** What a decision error means to the operator, in plain words. */
export function decisionErrorText(code: string, message: string): string {
  if (code === 'already_decided' || code === 'conflict') return `This call was already decided or is no longer waiting (${message}).`;
  if (code === 'not_found') return 'This tool call no longer exists.';
  return message;
}
