/**
 * How the widget and the console write a time — one formatter, so the customer and the
 * operator read the same "14:05" for the same message (they used to differ: the console
 * followed the locale's 12-hour clock, the widget a 24-hour one). Pure: the clock is passed in.
 */

export interface FormattedTime {
  /** "14:05" today, "3 Mar, 14:05" on another day; '' for a bad date. */
  short: string;
  /** The full date and time, for a title attribute. */
  full: string;
}

/** Formats `iso` in `locale` (the viewer's when undefined), 24-hour clock. */
export function formatMessageTime(iso: string, locale?: string, now: Date = new Date()): FormattedTime {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return { short: '', full: '' };
  const time = date.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', hour12: false });
  const sameDay = date.toDateString() === now.toDateString();
  const sameYear = date.getFullYear() === now.getFullYear();
  const day = date.toLocaleDateString(locale, sameYear ? { month: 'short', day: 'numeric' } : { year: 'numeric', month: 'short', day: 'numeric' });
  return {
    short: sameDay ? time : `${day}, ${time}`,
    full: date.toLocaleString(locale, { dateStyle: 'full', timeStyle: 'short', hour12: false }),
  };
}
