import type { InsightsFigures } from '../../../../shared/src/contract/types';
import { invalid } from '../app-error';

/** What the aggregation answers per agent and day: counts, sums and the raw durations (medians need them all). */
export interface OutcomeBucket {
  conversations: number;
  aiResolved: number;
  handedOff: number;
  replySeconds: number[];
  waitSeconds: number[];
  csatAiSum: number;
  csatAiCount: number;
  csatHumanSum: number;
  csatHumanCount: number;
}

export const emptyBucket = (): OutcomeBucket => ({ conversations: 0, aiResolved: 0, handedOff: 0, replySeconds: [], waitSeconds: [], csatAiSum: 0, csatAiCount: 0, csatHumanSum: 0, csatHumanCount: 0 });

/** Adds `b` into `a` (in place) and returns `a`. */
export function mergeBucket(a: OutcomeBucket, b: OutcomeBucket): OutcomeBucket {
  a.conversations += b.conversations;
  a.aiResolved += b.aiResolved;
  a.handedOff += b.handedOff;
  a.replySeconds.push(...b.replySeconds);
  a.waitSeconds.push(...b.waitSeconds);
  a.csatAiSum += b.csatAiSum;
  a.csatAiCount += b.csatAiCount;
  a.csatHumanSum += b.csatHumanSum;
  a.csatHumanCount += b.csatHumanCount;
  return a;
}

/** The middle value (the mean of the two middle ones for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const round = (x: number, places: number): number => Math.round(x * 10 ** places) / 10 ** places;
/** handedOff / conversations to 4 decimals; null without conversations. */
export const rate = (part: number, whole: number): number | null => (whole > 0 ? round(part / whole, 4) : null);
const mean = (sum: number, n: number): number | null => (n > 0 ? round(sum / n, 2) : null);
const seconds = (x: number | null): number | null => (x === null ? null : round(x, 1));

export function toFigures(b: OutcomeBucket): InsightsFigures {
  return {
    conversations: b.conversations,
    aiResolved: b.aiResolved,
    handedOff: b.handedOff,
    handoffRate: rate(b.handedOff, b.conversations),
    firstHumanReplyMedianSeconds: seconds(median(b.replySeconds)),
    humanWaitMedianSeconds: seconds(median(b.waitSeconds)),
    csatAi: mean(b.csatAiSum, b.csatAiCount),
    csatHuman: mean(b.csatHumanSum, b.csatHumanCount),
    csatAiCount: b.csatAiCount,
    csatHumanCount: b.csatHumanCount,
  };
}

const DAY_MS = 86_400_000;

/** The UTC days from `from` to `to`, both included, as YYYY-MM-DD. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY_MS) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/** The range asked for, defaulting to the 30 days up to today; [start, end) as instants. Longer than `maxDays`: invalid. */
export function resolveRange(q: { from?: string; to?: string }, now: Date, maxDays: number): { from: string; to: string; start: Date; end: Date } {
  const to = q.to ?? now.toISOString().slice(0, 10);
  const from = q.from ?? new Date(Date.parse(`${to}T00:00:00Z`) - 29 * DAY_MS).toISOString().slice(0, 10);
  const start = new Date(`${from}T00:00:00Z`);
  const end = new Date(Date.parse(`${to}T00:00:00Z`) + DAY_MS);
  if (start >= end) throw invalid('from', 'must not be after to');
  if ((end.getTime() - start.getTime()) / DAY_MS > maxDays) throw invalid('from', `the range may cover at most ${maxDays} days`);
  return { from, to, start, end };
}
