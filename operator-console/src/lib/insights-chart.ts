/**
 * The Insights page's chart data, as uPlot takes it (aligned columns: x then each series),
 * built from a report. Pure, so it is unit-tested in node.
 */
import type { InsightsChange, InsightsDay, InsightsFigures } from '../../../shared/src/contract/types';

/** Seconds since the epoch of a UTC day (uPlot's time scale is in seconds). */
export const dayToSeconds = (date: string): number => Date.parse(`${date}T00:00:00Z`) / 1000;

/** x, conversations, AI-resolved, handed off. */
export function volumeSeries(days: InsightsDay[]): [number[], number[], number[], number[]] {
  return [days.map((d) => dayToSeconds(d.date)), days.map((d) => d.conversations), days.map((d) => d.aiResolved), days.map((d) => d.handedOff)];
}

/** x, handoff rate in percent (null on days without conversations: a gap, not a zero). */
export function rateSeries(days: InsightsDay[]): [number[], (number | null)[]] {
  return [days.map((d) => dayToSeconds(d.date)), days.map((d) => (d.handoffRate === null ? null : Math.round(d.handoffRate * 1000) / 10))];
}

/** Where each change goes on the time axis, in seconds. */
export const changeMarks = (changes: InsightsChange[]): number[] => changes.map((c) => Date.parse(c.at) / 1000);

/** A rate as people read it: `42.5 %`, or an en dash when there is nothing to divide. */
export const percent = (rate: number | null): string => (rate === null ? '–' : `${Math.round(rate * 1000) / 10} %`);

/** Seconds as `45 s`, `3 min 20 s`, `2 h 5 min`; an en dash for none. */
export function duration(seconds: number | null): string {
  if (seconds === null) return '–';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
  return `${Math.floor(s / 3600)} h${Math.floor((s % 3600) / 60) ? ` ${Math.floor((s % 3600) / 60)} min` : ''}`;
}

/** The headline tiles, in order: label, value, a test id. */
export function tiles(f: InsightsFigures): { label: string; value: string; key: string }[] {
  const csat = (avg: number | null, n: number) => (avg === null ? '–' : `${avg.toFixed(1)} (${n})`);
  return [
    { key: 'conversations', label: 'Conversations', value: String(f.conversations) },
    { key: 'aiResolved', label: 'AI-resolved', value: String(f.aiResolved) },
    { key: 'handedOff', label: 'Handed off', value: String(f.handedOff) },
    { key: 'handoffRate', label: 'Handoff rate', value: percent(f.handoffRate) },
    { key: 'firstHumanReply', label: 'First human reply (median)', value: duration(f.firstHumanReplyMedianSeconds) },
    { key: 'humanWait', label: 'Wait for a person (median)', value: duration(f.humanWaitMedianSeconds) },
    { key: 'csatAi', label: 'CSAT, AI only', value: csat(f.csatAi, f.csatAiCount) },
    { key: 'csatHuman', label: 'CSAT, with a person', value: csat(f.csatHuman, f.csatHumanCount) },
  ];
}
