import { formatMessageTime, type FormattedTime } from '../../../shared/src/time-format';

/** "14:05" for the bubble and the full date for its title attribute, in the widget's language (the console's formatter too). */
export function formatTimestamp(iso: string, lang: string): FormattedTime {
  return formatMessageTime(iso, lang);
}
