import { describe, expect, it } from '@jest/globals';
import { daysBetween, median, resolveRange, toFigures, emptyBucket } from '../insights-figures';
import { outcomeFacts } from '../outcome-facts';

describe('insights figures', () => {
  it('median: the middle value, the mean of the two middle ones, null for none', () => {
    expect(median([])).toBeNull();
    expect(median([7])).toBe(7);
    expect(median([9, 1, 5])).toBe(5);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('figures: a rate and means only where there is something to divide', () => {
    expect(toFigures(emptyBucket())).toMatchObject({ conversations: 0, handoffRate: null, csatAi: null, firstHumanReplyMedianSeconds: null });
    const f = toFigures({ ...emptyBucket(), conversations: 3, handedOff: 1, replySeconds: [10.04, 20], csatHumanSum: 9, csatHumanCount: 2 });
    expect(f).toMatchObject({ handoffRate: 0.3333, firstHumanReplyMedianSeconds: 15, csatHuman: 4.5, csatHumanCount: 2 });
  });

  it('range: the last 30 days by default, both ends included, refused when reversed or too long', () => {
    const now = new Date('2026-03-10T15:00:00Z');
    expect(resolveRange({}, now, 366)).toMatchObject({ from: '2026-02-09', to: '2026-03-10' });
    expect(daysBetween('2026-02-27', '2026-03-01')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
    expect(() => resolveRange({ from: '2026-03-02', to: '2026-03-01' }, now, 366)).toThrow('from: must not be after to');
    expect(() => resolveRange({ from: '2025-01-01', to: '2026-03-01' }, now, 366)).toThrow('at most 366 days');
  });

  it('outcome facts: the first customer and operator messages and the takeover notice, nothing else', () => {
    const now = new Date();
    expect(outcomeFacts('customer', undefined, now)).toEqual({ $min: { firstCustomerAt: now } });
    expect(outcomeFacts('operator', undefined, now)).toEqual({ $min: { humanRepliedAt: now } });
    expect(outcomeFacts('system', 'takeover', now)).toEqual({ $min: { takenOverAt: now } });
    expect(outcomeFacts('system', 'help', now)).toEqual({});
    expect(outcomeFacts('agent', undefined, now)).toEqual({});
  });
});
