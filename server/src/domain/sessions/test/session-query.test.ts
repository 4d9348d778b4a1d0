/** The session log's pure rules: the console's customer search, the page cursor, sessions stored before a field existed. */
import { Types } from 'mongoose';
import { AppError } from '../../app-error';
import { cursorFilter, encodeCursor, orderOf, sessionFilter } from '../session-query';

/** The customerId regex the log would send, as MongoDB would apply it. */
function prefixMatcher(prefix: string): RegExp {
  const q = sessionFilter({ customerIdPrefix: prefix }).customerId as { $regex: string; $options: string };
  return new RegExp(q.$regex, q.$options);
}

describe('searching the log by customer', () => {
  it('an exact customerId is matched as is (integrators rely on it); a prefix in any case', () => {
    expect(sessionFilter({ customerId: 'CUST-77' }).customerId).toBe('CUST-77');
    expect(prefixMatcher('cust').test('CUST-77')).toBe(true);
    expect(prefixMatcher('77').test('CUST-77')).toBe(false);
  });

  it('the typed text is taken literally: no pattern, no way to make the search throw', () => {
    expect(prefixMatcher('a.b').test('axb-1')).toBe(false);
    expect(prefixMatcher('a.b').test('a.b-1')).toBe(true);
    expect(prefixMatcher('.*').test('anyone')).toBe(false);
    expect(() => prefixMatcher('(((')).not.toThrow();
    expect(prefixMatcher('((').test('((x')).toBe(true);
  });
});

describe('sessions stored before a field existed read as its default', () => {
  it('no fieldsComplete flag counts as complete; no channel counts as api', () => {
    expect(sessionFilter({ fieldsComplete: true }).fieldsComplete).toEqual({ $ne: false });
    expect(sessionFilter({ fieldsComplete: false }).fieldsComplete).toBe(false);
    expect(sessionFilter({ channel: 'api' }).channel).toEqual({ $in: ['api', null] });
    expect(sessionFilter({ channel: 'sms' }).channel).toBe('sms');
  });
});

describe('the page cursor', () => {
  const id = new Types.ObjectId();
  const at = new Date('2026-12-03T10:00:00.000Z');

  it('the newest-first log continues strictly before the last session of the page, ties broken by id', () => {
    const order = orderOf({});
    expect(order).toEqual({ field: 'createdAt', direction: -1 });
    expect(cursorFilter(encodeCursor(at, id), order)).toEqual({ $or: [{ createdAt: { $lt: at } }, { createdAt: at, _id: { $lt: id } }] });
  });

  it('the waiting-longest order goes the other way, by when help was requested', () => {
    const order = orderOf({ order: 'waiting' });
    expect(cursorFilter(encodeCursor(at, id), order)).toEqual({ $or: [{ helpRequestedAt: { $gt: at } }, { helpRequestedAt: at, _id: { $gt: id } }] });
  });

  it.each(['', 'not-a-cursor', Buffer.from('yesterday|' + id.toHexString()).toString('base64url'), Buffer.from(`${at.toISOString()}|zzz`).toString('base64url')])(
    'a cursor this server did not issue (%j) is invalid_request naming `cursor`',
    (cursor) => {
      let thrown: unknown;
      try {
        cursorFilter(cursor, orderOf({}));
      } catch (err) {
        thrown = err;
      }
      expect(thrown).toBeInstanceOf(AppError);
      expect((thrown as AppError).toBody()).toMatchObject({ code: 'invalid_request', field: 'cursor' });
    },
  );
});
