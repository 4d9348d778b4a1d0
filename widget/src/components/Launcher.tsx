import type { Ref } from 'preact';
import { useWidget } from '../hooks/useWidget';
import { ChatIcon, CloseIcon } from './Icons';

interface LauncherProps {
  buttonRef: Ref<HTMLButtonElement>;
  open: boolean;
  unread: number;
}

/** The round button in the corner that opens and closes the panel. */
export function Launcher({ buttonRef, open, unread }: LauncherProps) {
  const { controller, t } = useWidget();
  const label = open ? t.launcherClose : unread > 0 ? `${t.launcherOpen} (${t.unread(unread)})` : t.launcherOpen;
  return (
    <button
      ref={buttonRef}
      type="button"
      class="sb-launcher"
      aria-label={label}
      aria-expanded={open}
      aria-controls="sb-panel"
      onClick={() => (open ? controller.close() : controller.open())}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) controller.close();
      }}
    >
      {open ? <CloseIcon /> : <ChatIcon />}
      {!open && unread > 0 && (
        <span class="sb-badge" aria-hidden="true">
          {unread > 9 ? '9+' : unread}
        </span>
      )}
    </button>
  );
}
