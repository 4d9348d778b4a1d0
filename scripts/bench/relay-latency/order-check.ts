/**
 * Wraps a `BenchTarget` to count tokens lost, duplicated or reordered: the fake model's tokens
 * are `w0 `, `w1 ` …, so each reply must carry exactly 0…n-1 in order.
 */
import type { BenchTarget } from './harness';

export interface OrderReport {
  replies: number;
  lost: number;
  reordered: number;
  duplicated: number;
}

export function withOrderCheck(target: BenchTarget, tokensPerReply: number): { target: BenchTarget; report(): OrderReport; reset(): void } {
  let report: OrderReport = { replies: 0, lost: 0, reordered: 0, duplicated: 0 };
  const checked: BenchTarget = {
    name: target.name,
    pid: target.pid,
    databasePid: target.databasePid,
    connect: async () => {
      const client = await target.connect();
      return {
        close: () => client.close(),
        ask: async (text, onText) => {
          const seen = new Set<number>();
          let last = -1;
          await client.ask(text, (piece) => {
            for (const m of piece.matchAll(/\|w(\d+) /g)) {
              const i = Number(m[1]);
              if (seen.has(i)) report.duplicated += 1;
              else if (i < last) report.reordered += 1;
              seen.add(i);
              last = Math.max(last, i);
            }
            onText(piece);
          });
          report.replies += 1;
          report.lost += tokensPerReply - seen.size;
        },
      };
    },
  };
  return { target: checked, report: () => report, reset: () => void (report = { replies: 0, lost: 0, reordered: 0, duplicated: 0 }) };
}
