/** "14:05" for the bubble and the full date for its title attribute, in the widget's language. */
export function formatTimestamp(iso: string, lang: string): { short: string; full: string } {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return { short: '', full: '' };
  return {
    short: date.toLocaleTimeString(lang, { hour: '2-digit', minute: '2-digit', hour12: false }),
    full: date.toLocaleString(lang, { dateStyle: 'full', timeStyle: 'short' }),
  };
}
