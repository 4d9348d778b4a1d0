import { HELP_ALERT_SLACK_MS, helpAlertKey } from '../src/lib/help-alerts';
import { makeSession } from './factories';

const since = Date.parse('2026-01-01T10:00:00.000Z');

describe('helpAlertKey', () => {
  it('alerts on a request made while the console is open', () => {
    const s = makeSession({ helpRequested: true, helpRequestedAt: '2026-01-01T10:05:00.000Z' });
    expect(helpAlertKey(s, since, new Set())).toBe(`${s.id}@2026-01-01T10:05:00.000Z`);
  });

  it('stays quiet for the same request once alerted', () => {
    const s = makeSession({ helpRequested: true, helpRequestedAt: '2026-01-01T10:05:00.000Z' });
    const key = helpAlertKey(s, since, new Set()) ?? '';
    expect(helpAlertKey(s, since, new Set([key]))).toBeNull();
  });

  it('alerts again when the customer asks again after a resolve', () => {
    const s = makeSession({ helpRequested: true, helpRequestedAt: '2026-01-01T10:05:00.000Z' });
    const first = helpAlertKey(s, since, new Set()) ?? '';
    const again = { ...s, helpRequestedAt: '2026-01-01T10:20:00.000Z' };
    expect(helpAlertKey(again, since, new Set([first]))).not.toBeNull();
  });

  it('old requests are the inbox, not news', () => {
    const s = makeSession({ helpRequested: true, helpRequestedAt: new Date(since - HELP_ALERT_SLACK_MS - 1).toISOString() });
    expect(helpAlertKey(s, since, new Set())).toBeNull();
  });

  it('ignores sessions without a request, and closed ones', () => {
    expect(helpAlertKey(makeSession(), since, new Set())).toBeNull();
    expect(helpAlertKey(makeSession({ helpRequested: true, helpRequestedAt: '2026-01-01T10:05:00.000Z', status: 'closed' }), since, new Set())).toBeNull();
  });
});
