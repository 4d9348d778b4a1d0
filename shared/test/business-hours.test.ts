import { describe, expect, it } from '@jest/globals';
import { isOpen, nextOpening, openingParts, type BusinessHours } from '../src/business-hours';
import { renderCannedText } from '../src/canned';

const paris: BusinessHours = {
  timezone: 'Europe/Paris',
  weekly: { mon: [['09:00', '17:30']], tue: [['09:00', '17:30']], wed: [['09:00', '12:00'], ['14:00', '17:30']], thu: [['09:00', '17:30']], fri: [['09:00', '17:30']], sun: [['01:00', '04:00']] },
  holidays: ['2026-12-25'],
};

describe('isOpen', () => {
  it('follows the local wall clock of the time zone, ranges end-exclusive', () => {
    expect(isOpen(paris, new Date('2026-11-23T08:00:00Z'))).toBe(true); // Mon 09:00 CET
    expect(isOpen(paris, new Date('2026-11-23T07:59:00Z'))).toBe(false);
    expect(isOpen(paris, new Date('2026-11-23T16:29:00Z'))).toBe(true); // 17:29
    expect(isOpen(paris, new Date('2026-11-23T16:30:00Z'))).toBe(false); // 17:30
    expect(isOpen(paris, new Date('2026-11-25T12:00:00Z'))).toBe(false); // Wed lunch 13:00
    expect(isOpen(paris, new Date('2026-11-28T10:00:00Z'))).toBe(false); // Saturday
    expect(isOpen(paris, new Date('2026-12-25T10:00:00Z'))).toBe(false); // holiday (a Friday)
  });

  it('summer time: 09:00 in Paris is 07:00 UTC', () => {
    expect(isOpen(paris, new Date('2026-07-06T07:00:00Z'))).toBe(true);
    expect(isOpen(paris, new Date('2026-07-06T06:59:00Z'))).toBe(false);
  });

  it('DST edges: the skipped hour never exists, the repeated hour counts twice', () => {
    // 29 March 2026: clocks go 02:00 → 03:00 in Paris. Sunday 01:00–04:00 local is open.
    expect(isOpen(paris, new Date('2026-03-29T00:30:00Z'))).toBe(true); // 01:30 CET
    expect(isOpen(paris, new Date('2026-03-29T01:00:00Z'))).toBe(true); // 03:00 CEST
    expect(isOpen(paris, new Date('2026-03-29T02:00:00Z'))).toBe(false); // 04:00 CEST
    // 25 October 2026: 03:00 → 02:00; 01:00–04:00 local spans four real hours.
    expect(isOpen(paris, new Date('2026-10-24T23:30:00Z'))).toBe(true); // 01:30 CEST
    expect(isOpen(paris, new Date('2026-10-25T02:30:00Z'))).toBe(true); // 03:30 CET
    expect(isOpen(paris, new Date('2026-10-25T03:00:00Z'))).toBe(false); // 04:00 CET
  });
});

describe('nextOpening', () => {
  it('is now when open, else the next opening, skipping weekends and holidays', () => {
    const now = new Date('2026-11-23T10:00:00Z');
    expect(nextOpening(paris, now)?.toISOString()).toBe('2026-11-23T10:00:00.000Z');
    // Friday evening → Sunday 01:00 local.
    expect(nextOpening(paris, new Date('2026-11-27T18:00:00Z'))?.toISOString()).toBe('2026-11-29T00:00:00.000Z');
    // Christmas Eve evening → the 25th is a holiday → Sunday 27th 01:00 CET.
    expect(nextOpening(paris, new Date('2026-12-24T20:00:00Z'))?.toISOString()).toBe('2026-12-27T00:00:00.000Z');
    const weekdays: BusinessHours = { ...paris, weekly: { mon: [['09:05', '10:00']] } };
    expect(nextOpening(weekdays, new Date('2026-11-27T18:00:00Z'))?.toISOString()).toBe('2026-11-30T08:05:00.000Z');
  });

  it('across the spring-forward gap, 09:00 local on Monday is 07:00 UTC', () => {
    const weekdays: BusinessHours = { ...paris, weekly: { mon: [['09:00', '17:00']] } };
    expect(nextOpening(weekdays, new Date('2026-03-27T18:00:00Z'))?.toISOString()).toBe('2026-03-30T07:00:00.000Z');
    expect(nextOpening(weekdays, new Date('2026-10-23T18:00:00Z'))?.toISOString()).toBe('2026-10-26T08:00:00.000Z');
  });

  it('null when there are no opening hours at all', () => {
    expect(nextOpening({ timezone: 'UTC', weekly: {}, holidays: [] }, new Date())).toBeNull();
  });

  it('names the opening in the hours’ own zone, the weekday in the language asked for', () => {
    const at = new Date('2026-11-30T08:00:00Z');
    expect(openingParts(paris, at)).toEqual({ day: 'Monday', time: '09:00' });
    expect(openingParts(paris, at, 'de').day).toBe('Montag');
    expect(openingParts(paris, at, 'fr').day).toBe('lundi');
  });
});

describe('renderCannedText', () => {
  it('fills metadata fields, nested ones too; missing is empty; prototype keys are not reachable', () => {
    expect(renderCannedText('Hi {{metadata.name}} ({{metadata.plan.tier}}){{metadata.nope}}!', { name: 'Ana', plan: { tier: 'pro' } })).toBe('Hi Ana (pro)!');
    expect(renderCannedText('{{metadata.constructor}}|{{metadata.__proto__}}', {})).toBe('|');
    expect(renderCannedText('{{metadata.n}} {{metadata.list}}', { n: 3, list: [1, 2] })).toBe('3 [1,2]');
  });
});
