/** Display formatting for times and ids. Pure (the clock is passed in). */
import { formatMessageTime } from '../../../shared/src/time-format';

/** "14:05" today, "Mar 3, 14:05" otherwise, in the viewer's locale — written as the widget writes it (shared/src/time-format.ts). */
export function formatTime(iso: string, now: Date = new Date()): string {
  return formatMessageTime(iso, undefined, now).short;
}

/** Date and time, always with the date ("Mar 3, 2026, 14:05"): for details that may be days old. */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return d.toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });
}

/** The full date and time, for a title attribute. */
export function formatFullTime(iso: string): string {
  return formatMessageTime(iso).full;
}

/** "just now", "5 min ago", "3 h ago", "2 d ago". */
export function formatRelative(iso: string, now: number = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (!Number.isFinite(seconds)) return '';
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  return `${Math.round(hours / 24)} d ago`;
}

/** Renders a metadata value as plain text: strings as they are, everything else as JSON. */
export function metadataText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}
