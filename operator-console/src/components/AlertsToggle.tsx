import { useState } from 'preact/hooks';
import { alertsEnabled, beep, disableAlerts, enableAlerts } from '../lib/alerts';

/** Header switch for the beep and desktop notification on new help requests. */
export function AlertsToggle() {
  const [on, setOn] = useState(alertsEnabled);
  const toggle = async (): Promise<void> => {
    if (on) {
      disableAlerts();
      setOn(false);
      return;
    }
    await enableAlerts(); // inside the click: audio unlock + permission prompt are allowed
    setOn(true);
    beep();
  };
  return (
    <button
      type="button"
      class={`btn btn--ghost btn--sm ${on ? 'is-on' : ''}`}
      aria-pressed={on}
      title="Sound and desktop notification on new help requests"
      data-testid="alerts-toggle"
      onClick={() => void toggle()}
    >
      <span class="bell" aria-hidden="true" />
      {on ? 'Alerts on' : 'Alerts off'}
    </button>
  );
}
