import type { Control, ControlState } from '../lib/commands';
import type { SessionCommand } from '../hooks/useSessionCommands';

const BUTTONS: { control: Control; command: SessionCommand; label: string; tone: string }[] = [
  { control: 'takeover', command: 'takeover', label: 'Take over', tone: 'btn--primary' },
  { control: 'release', command: 'release', label: 'Release to AI', tone: '' },
  { control: 'resolve', command: 'help:resolve', label: 'Resolve help', tone: '' },
  { control: 'close', command: 'session:close', label: 'Close', tone: 'btn--danger' },
];

interface Props {
  states: Record<Control, ControlState>;
  busy: string | null;
  onRun: (command: SessionCommand) => void;
}

/** Takeover / release / resolve / close: hidden when the agent disables them, disabled when they do not apply. */
export function SessionControls({ states, busy, onRun }: Props) {
  return (
    <div class="controls" role="toolbar" aria-label="Session controls">
      {BUTTONS.filter((b) => states[b.control].visible).map((b) => {
        const s = states[b.control];
        return (
          <button
            key={b.control}
            type="button"
            class={`btn btn--sm ${b.tone}`}
            data-testid={`cmd-${b.control}`}
            disabled={!s.enabled || busy !== null}
            title={s.reason}
            onClick={() => onRun(b.command)}
          >
            {busy === b.command ? '…' : b.label}
          </button>
        );
      })}
    </div>
  );
}
