import { decisionErrorText, formatCountdown, formatDuration, parseEditedArguments, pendingApprovals, secondsLeft, toolStatusTone } from '../src/lib/tool-calls';
import { isNewApprovalRequest } from '../src/lib/approval-alerts';
import { HELP_ALERT_SLACK_MS } from '../src/lib/help-alerts';
import { makeMessage, makeSession, makeToolMessage } from './factories';

describe('tool calls', () => {
  it('formats durations', () => {
    expect([formatDuration(null), formatDuration(850), formatDuration(2430), formatDuration(65_000)]).toEqual(['', '850 ms', '2.4 s', '1 min 5 s']);
  });

  it('counts down to the approval deadline, never below zero', () => {
    const now = Date.parse('2026-01-01T10:00:00.000Z');
    expect(secondsLeft('2026-01-01T10:04:05.000Z', now)).toBe(245);
    expect(secondsLeft('2026-01-01T09:59:00.000Z', now)).toBe(0);
    expect(secondsLeft(null, now)).toBeNull();
    expect([formatCountdown(245), formatCountdown(0), formatCountdown(9)]).toEqual(['4:05', '0:00', '0:09']);
  });

  it('accepts edited arguments only as one JSON object, and says whether they changed', () => {
    const original = { orderId: '1234' };
    expect(parseEditedArguments('{"orderId": "1234"}', original)).toEqual({ ok: true, arguments: original, changed: false });
    expect(parseEditedArguments('{"orderId": "1235"}', original)).toEqual({ ok: true, arguments: { orderId: '1235' }, changed: true });
    expect(parseEditedArguments('{"orderId": ', original)).toMatchObject({ ok: false, message: expect.stringContaining('not valid JSON') });
    expect(parseEditedArguments('["1234"]', original)).toMatchObject({ ok: false, message: expect.stringContaining('JSON object') });
    expect(parseEditedArguments('null', original)).toMatchObject({ ok: false });
  });

  it('lists the calls waiting for approval', () => {
    const waiting = makeToolMessage({ status: 'pending_approval' });
    const done = makeToolMessage({ status: 'succeeded' });
    expect(pendingApprovals([makeMessage(), waiting, done])).toEqual([waiting]);
  });

  it('gives each status a tone and says a decision conflict plainly', () => {
    expect([toolStatusTone('succeeded'), toolStatusTone('denied'), toolStatusTone('pending_approval'), toolStatusTone('cancelled')]).toEqual(['ok', 'bad', 'wait', 'muted']);
    expect(decisionErrorText('already_decided', 'denied by Ann')).toBe('This call was already decided or is no longer waiting (denied by Ann).');
  });
});

describe('isNewApprovalRequest', () => {
  const since = Date.parse('2026-01-01T10:00:00.000Z');
  const waiting = makeSession({ approvalPending: true, updatedAt: '2026-01-01T10:05:00.000Z' });

  it('alerts when a session starts waiting for an approval', () => {
    expect(isNewApprovalRequest(waiting, since, new Map())).toBe(true);
    expect(isNewApprovalRequest(waiting, since, new Map([[waiting.id, false]]))).toBe(true);
  });

  it('stays quiet while the same wait goes on, and for sessions not waiting or closed', () => {
    expect(isNewApprovalRequest(waiting, since, new Map([[waiting.id, true]]))).toBe(false);
    expect(isNewApprovalRequest({ ...waiting, approvalPending: false }, since, new Map())).toBe(false);
    expect(isNewApprovalRequest({ ...waiting, status: 'closed' }, since, new Map())).toBe(false);
  });

  it('an old wait of an unknown session is the inbox, not news', () => {
    const old = { ...waiting, updatedAt: new Date(since - HELP_ALERT_SLACK_MS - 1).toISOString() };
    expect(isNewApprovalRequest(old, since, new Map())).toBe(false);
    expect(isNewApprovalRequest(old, since, new Map([[old.id, false]]))).toBe(true);
  });
});
