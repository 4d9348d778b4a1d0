import { describe, expect, it } from '@jest/globals';
import type { InsightsDay } from '../../shared/src/contract/types';
import { changeMarks, duration, percent, rateSeries, volumeSeries } from '../src/lib/insights-chart';

const day = (date: string, over: Partial<InsightsDay> = {}): InsightsDay => ({
  date,
  conversations: 0,
  aiResolved: 0,
  handedOff: 0,
  handoffRate: null,
  firstHumanReplyMedianSeconds: null,
  humanWaitMedianSeconds: null,
  csatAi: null,
  csatHuman: null,
  csatAiCount: 0,
  csatHumanCount: 0,
  ...over,
});

describe('insights chart data', () => {
  it('aligned columns in seconds; a day without conversations is a gap in the rate, not a zero', () => {
    const days = [day('2026-03-01', { conversations: 4, aiResolved: 2, handedOff: 1, handoffRate: 0.25 }), day('2026-03-02')];
    expect(volumeSeries(days)).toEqual([[1772323200, 1772409600], [4, 0], [2, 0], [1, 0]]);
    expect(rateSeries(days)).toEqual([[1772323200, 1772409600], [25, null]]);
    expect(changeMarks([{ kind: 'knowledge', at: '2026-03-01T12:00:00.000Z', agentId: 'a', title: 't', before: { conversations: 0, handedOff: 0, handoffRate: null }, after: { conversations: 0, handedOff: 0, handoffRate: null } }])).toEqual([1772366400]);
  });

  it('reads as people read it', () => {
    expect(percent(null)).toBe('–');
    expect(percent(0.6667)).toBe('66.7 %');
    expect(duration(null)).toBe('–');
    expect(duration(42.4)).toBe('42 s');
    expect(duration(200)).toBe('3 min 20 s');
    expect(duration(7500)).toBe('2 h 5 min');
  });
});
