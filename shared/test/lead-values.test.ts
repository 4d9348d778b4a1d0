import { checkLeadValue } from '../src/lead-values';

const enumField = { type: 'enum' as const, options: ['Basic', 'Pro'] };

describe('lead field values: checked and normalised by type', () => {
  it.each([
    ['string', '  Ada  ', 'Ada'],
    ['string', 12345, '12345'],
    ['email', ' Kim.Lee+crm@Example.CO.UK ', 'Kim.Lee+crm@example.co.uk'],
    ['phone', '+44 20-7946 0958', '+442079460958'],
    ['phone', '(415) 555-0123', '4155550123'],
    ['number', 12, 12],
    ['number', ' -3.5 ', -3.5],
    ['number', '1e3', 1000],
    ['boolean', true, true],
    ['boolean', 'Yes', true],
    ['boolean', 'false', false],
  ] as const)('%s %j → %j', (type, value, expected) => {
    expect(checkLeadValue({ type }, value)).toEqual({ ok: true, value: expected });
  });

  it('enum values match an option regardless of case and are stored as the option is spelled', () => {
    expect(checkLeadValue(enumField, 'pro')).toEqual({ ok: true, value: 'Pro' });
    expect(checkLeadValue(enumField, 'Gold')).toEqual({ ok: false, problem: 'not_option' });
  });

  it.each([
    ['string', '   ', 'empty'],
    ['string', 'x'.repeat(501), 'too_long'],
    ['email', 'kim@', 'not_email'],
    ['email', 'kim example.com', 'not_email'],
    ['email', 'kim@example', 'not_email'],
    ['email', 42, 'not_email'],
    ['phone', '12345', 'not_phone'],
    ['phone', '1'.repeat(21), 'not_phone'],
    ['phone', 'call me at 555 0123', 'not_phone'],
    ['number', 'twelve', 'not_number'],
    ['number', Number.POSITIVE_INFINITY, 'not_number'],
    ['number', '', 'not_number'],
    ['boolean', 'maybe', 'not_boolean'],
    ['boolean', 1, 'not_boolean'],
  ] as const)('%s %j is refused: %s', (type, value, problem) => {
    expect(checkLeadValue({ type }, value)).toEqual({ ok: false, problem });
  });
});
