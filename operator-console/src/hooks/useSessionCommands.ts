import { useState } from 'preact/hooks';
import type { MessageDto, SessionDto } from '../../../shared/src/contract/types';
import { SwitchboardError } from '../../../shared/src/client/switchboard-error';
import { errorMessage } from '../lib/api';
import { emitWithAck } from '../lib/socket';
import { showToast } from '../lib/toasts';
import { UnsentSend } from '../lib/unsent-send';

export type SessionCommand = 'takeover' | 'release' | 'help:resolve' | 'session:close';

const DONE: Record<SessionCommand, string> = {
  takeover: 'You took over — the AI stands down',
  release: 'Released — the AI answers again',
  'help:resolve': 'Help request resolved',
  'session:close': 'Conversation closed',
};

/** Plain words for the refusals an operator can run into. */
export function commandError(err: unknown): string {
  if (!(err instanceof SwitchboardError)) return errorMessage(err);
  switch (err.code) {
    case 'command_disabled':
      return `This agent has that command switched off. ${err.message}`;
    case 'already_in_support':
      return 'Someone has already taken over this conversation.';
    case 'not_in_support':
      return 'The conversation is not in support mode any more.';
    case 'session_closed':
      return 'The conversation is closed.';
    default:
      return errorMessage(err);
  }
}

/** Runs support commands over the socket; the ack's session/message is applied at once. */
export function useSessionCommands(sessionId: string, onSession: (s: SessionDto) => void, onMessage: (m: MessageDto) => void) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [unsent] = useState(() => new UnsentSend());

  const fail = (err: unknown): void => {
    const text = commandError(err);
    setError(text);
    showToast({ tone: 'error', title: 'Command refused', body: text });
  };

  const run = async (command: SessionCommand): Promise<void> => {
    setBusy(command);
    setError(null);
    try {
      const ack = await emitWithAck(command, { sessionId });
      onSession(ack.session);
      showToast({ tone: 'success', title: DONE[command] });
    } catch (err) {
      fail(err);
    } finally {
      setBusy(null);
    }
  };

  /**
   * Sends a whisper or a tell; resolves true when it was accepted. Sending the same thing again
   * after a failure reuses its clientMessageId, so one whose ack was lost is not stored twice.
   */
  const send = async (action: 'whisper' | 'tell', content: string, respond: boolean): Promise<boolean> => {
    setBusy(action);
    setError(null);
    const clientMessageId = unsent.idFor(`${action}\n${respond}\n${content}`);
    try {
      const ack = action === 'whisper' ? await emitWithAck('whisper', { sessionId, content, respond, clientMessageId }) : await emitWithAck('tell', { sessionId, content, clientMessageId });
      unsent.clear();
      onMessage(ack.message);
      return true;
    } catch (err) {
      fail(err);
      return false;
    } finally {
      setBusy(null);
    }
  };

  return { busy, error, run, send };
}
