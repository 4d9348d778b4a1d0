/**
 * Alerts for staff: a toast always; a beep and a desktop notification when switched on. Those
 * two need a user gesture first (autoplay and notification-permission policies), so they are
 * switched on from a button in the header, and the choice is remembered.
 */
import { showToast } from './toasts';

const PREF_KEY = 'switchboard:console:alerts';
const BEEP_MS = 180;

let audio: AudioContext | null = null;

export function alertsEnabled(): boolean {
  return window.localStorage.getItem(PREF_KEY) === 'on';
}

/** Call from a click: unlocks audio and asks for notification permission. */
export async function enableAlerts(): Promise<void> {
  window.localStorage.setItem(PREF_KEY, 'on');
  audio ??= new AudioContext();
  await audio.resume().catch(() => undefined);
  if ('Notification' in window && Notification.permission === 'default') {
    await Notification.requestPermission().catch(() => undefined);
  }
}

export function disableAlerts(): void {
  window.localStorage.setItem(PREF_KEY, 'off');
}

/** A short two-tone beep. */
export function beep(): void {
  if (!alertsEnabled()) return;
  try {
    const ctx = (audio ??= new AudioContext());
    const now = ctx.currentTime;
    [880, 660].forEach((freq, i) => {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.08, now + (i * BEEP_MS) / 1000);
      gain.gain.exponentialRampToValueAtTime(0.0001, now + ((i + 1) * BEEP_MS) / 1000);
      osc.connect(gain).connect(ctx.destination);
      osc.start(now + (i * BEEP_MS) / 1000);
      osc.stop(now + ((i + 1) * BEEP_MS) / 1000);
    });
  } catch {
    // No audio device or blocked autoplay: the toast still shows.
  }
}

/** A desktop notification, when allowed and the console is not in front; one per `tag` at a time. */
export function notifyDesktop(title: string, body: string, onClick: () => void, tag: string): void {
  if (!alertsEnabled() || !('Notification' in window) || Notification.permission !== 'granted') return;
  if (document.visibilityState === 'visible' && document.hasFocus()) return;
  const n = new Notification(title, { body, tag });
  n.onclick = () => {
    window.focus();
    onClick();
    n.close();
  };
}

export interface StaffAlert {
  /** The toast's title; the desktop notification's is `desktopTitle` when given. */
  title: string;
  desktopTitle?: string;
  body: string;
  open: () => void;
  /** Kind of alert: a newer one of the same kind replaces the desktop notification. */
  tag: string;
  lifetimeMs?: number;
}

/** Tells the operator: a toast with an Open button, and (if switched on) a beep and a desktop notification. */
export function raiseAlert(alert: StaffAlert): void {
  showToast({ tone: 'help', title: alert.title, body: alert.body, action: { label: 'Open', run: alert.open } }, alert.lifetimeMs);
  beep();
  notifyDesktop(alert.desktopTitle ?? alert.title, alert.body, alert.open, alert.tag);
}
