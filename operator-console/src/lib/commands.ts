/**
 * Which session controls an operator sees and may use. Hidden: the agent disables the
 * command. Disabled: it does not apply to the session as it is now. Pure.
 */
import type { SessionDto, SupportCommands } from '../../../shared/src/contract/types';

export type Control = 'whisper' | 'tell' | 'takeover' | 'release' | 'resolve' | 'close';
export interface ControlState {
  visible: boolean;
  enabled: boolean;
  /** Why it is disabled, for the tooltip. */
  reason?: string;
}

const CLOSED = 'The conversation is closed';

function state(visible: boolean, enabled: boolean, reason: string): ControlState {
  return enabled ? { visible, enabled } : { visible, enabled, reason };
}

/** Every control's state for a session and its agent's support commands. */
export function controlStates(session: SessionDto, commands: SupportCommands): Record<Control, ControlState> {
  const open = session.status !== 'closed';
  const support = session.mode === 'support';
  return {
    whisper: state(commands.whisper, open, CLOSED),
    tell: state(commands.tell, open, CLOSED),
    takeover: state(commands.takeover, open && !support, open ? 'Already in support mode' : CLOSED),
    // Release follows takeover; it also stays reachable if a session is somehow in support
    // mode after the agent switched takeover off, so nobody is left stuck.
    release: state(commands.takeover || support, open && support, open ? 'The AI is already answering' : CLOSED),
    resolve: state(true, session.helpRequested, 'No help request is open'),
    close: state(true, open, 'Already closed'),
  };
}

export type ComposerAction = 'whisper' | 'tell';

/** The composer's default: tell while a human has taken over, whisper otherwise (if enabled). */
export function defaultComposerAction(session: SessionDto, commands: SupportCommands): ComposerAction | null {
  const preferred: ComposerAction[] = session.mode === 'support' ? ['tell', 'whisper'] : ['whisper', 'tell'];
  return preferred.find((a) => commands[a]) ?? null;
}
