/**
 * Business hours per agent: pure functions over `Intl.DateTimeFormat` with the agent's time
 * zone (no date library). Weekly ranges are local wall-clock times; holidays are local dates.
 */

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** `["09:00", "17:30"]`: open from the first time (inclusive) to the second (exclusive). */
export type TimeRange = [string, string];

export interface BusinessHours {
  /** IANA time zone, e.g. `Europe/Paris`. */
  timezone: string;
  weekly: Partial<Record<Weekday, TimeRange[]>>;
  /** Local dates (`YYYY-MM-DD`) with no opening at all. */
  holidays: string[];
}

interface LocalTime {
  date: string;
  weekday: Weekday;
  minutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: timezone, hourCycle: 'h23', weekday: 'short', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
    formatters.set(timezone, f);
  }
  return f;
}

/** True when `timezone` is an IANA zone this runtime knows. */
export function isValidTimezone(timezone: string): boolean {
  try {
    formatter(timezone);
    return true;
  } catch {
    return false;
  }
}

function localTime(timezone: string, at: Date): LocalTime {
  const parts: Record<string, string> = {};
  for (const p of formatter(timezone).formatToParts(at)) parts[p.type] = p.value;
  const weekday = (parts.weekday ?? 'Sun').toLowerCase().slice(0, 3) as Weekday;
  return { date: `${parts.year}-${parts.month}-${parts.day}`, weekday, minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

const toMinutes = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

function openAtLocal(hours: BusinessHours, t: LocalTime): boolean {
  if (hours.holidays.includes(t.date)) return false;
  return (hours.weekly[t.weekday] ?? []).some(([from, to]) => t.minutes >= toMinutes(from) && t.minutes < toMinutes(to === '00:00' ? '24:00' : to));
}

/** Whether the team is open at `date` (an instant) in the hours' time zone. */
export function isOpen(hours: BusinessHours, date: Date): boolean {
  return openAtLocal(hours, localTime(hours.timezone, date));
}

const STEP_MS = 60_000;
const HORIZON_MS = 400 * 86_400_000;

/**
 * The next instant (to the minute) at which the team opens, or null if never within ~a year.
 * Walks whole minutes forward with big strides while closed, so DST gaps and repeats are
 * handled by the time zone rules themselves rather than by arithmetic on local times.
 */
export function nextOpening(hours: BusinessHours, date: Date): Date | null {
  if (!Object.values(hours.weekly).some((r) => r && r.length)) return null;
  let t = Math.floor(date.getTime() / STEP_MS) * STEP_MS;
  const end = t + HORIZON_MS;
  if (isOpen(hours, new Date(t))) return new Date(t);
  // Coarse strides of 15 minutes (every opening time on a quarter hour is hit exactly), then
  // refine minute by minute within the last stride for times like 09:05.
  const STRIDE = 15 * STEP_MS;
  while (t < end) {
    const next = t + STRIDE;
    if (isOpen(hours, new Date(next))) {
      for (let m = t + STEP_MS; m <= next; m += STEP_MS) if (isOpen(hours, new Date(m))) return new Date(m);
    }
    t = next;
  }
  return null;
}

/** When the hours next open, in their time zone: the weekday (named in `locale`) and HH:MM. */
export function openingParts(hours: BusinessHours, at: Date, locale = 'en-US'): { day: string; time: string } {
  const day = new Intl.DateTimeFormat(locale, { timeZone: hours.timezone, weekday: 'long' }).format(at);
  const local = localTime(hours.timezone, at);
  const hh = String(Math.floor(local.minutes / 60)).padStart(2, '0');
  const mm = String(local.minutes % 60).padStart(2, '0');
  return { day, time: `${hh}:${mm}` };
}
