import { awaitingReply, REPLY_ALERT_QUIET_MS, replyAlertKey, takeAlertSlot } from '../src/lib/awaiting-reply';
import { HELP_ALERT_SLACK_MS } from '../src/lib/help-alerts';
import { makeSession } from './factories';

const since = Date.parse('2026-01-01T10:00:00.000Z');
const ME = 'b'.repeat(24);
const held = (over = {}) => makeSession({ mode: 'support', assignedTo: ME, lastMessageFrom: 'customer', lastSeq: 7, lastMessageAt: '2026-01-01T10:05:00.000Z', ...over });

describe('awaitingReply', () => {
  it('a session in human hands waits until an operator has spoken last', () => {
    expect(awaitingReply(held())).toBe(true);
    expect(awaitingReply(held({ lastMessageFrom: 'agent' }))).toBe(true); // the AI answered before the takeover
    expect(awaitingReply(held({ lastMessageFrom: 'operator' }))).toBe(false);
  });

  it('not while the AI has it, once closed, or before anyone spoke', () => {
    expect(awaitingReply(held({ mode: 'ai' }))).toBe(false);
    expect(awaitingReply(held({ status: 'closed' }))).toBe(false);
    expect(awaitingReply(held({ lastMessageFrom: null }))).toBe(false);
  });
});

describe('replyAlertKey', () => {
  it('alerts the holder once per new customer message', () => {
    const session = held();
    const key = replyAlertKey(session, ME, since, new Set());
    expect(key).not.toBeNull();
    expect(replyAlertKey(session, ME, since, new Set([key as string]))).toBeNull();
    expect(replyAlertKey({ ...session, lastSeq: 8 }, ME, since, new Set([key as string]))).not.toBeNull();
  });

  it('stays quiet for others, for what the AI said, and for messages from before the console opened', () => {
    expect(replyAlertKey(held({ assignedTo: 'c'.repeat(24) }), ME, since, new Set())).toBeNull();
    expect(replyAlertKey(held({ lastMessageFrom: 'agent' }), ME, since, new Set())).toBeNull();
    expect(replyAlertKey(held({ lastMessageAt: new Date(since - HELP_ALERT_SLACK_MS - 1).toISOString() }), ME, since, new Set())).toBeNull();
  });
});

describe('takeAlertSlot', () => {
  it('one alert per conversation within the quiet window, each conversation on its own', () => {
    const last = new Map<string, number>();
    expect(takeAlertSlot('s1', 1_000, last)).toBe(true);
    expect(takeAlertSlot('s1', 1_000 + REPLY_ALERT_QUIET_MS - 1, last)).toBe(false);
    expect(takeAlertSlot('s2', 2_000, last)).toBe(true);
    expect(takeAlertSlot('s1', 1_000 + REPLY_ALERT_QUIET_MS, last)).toBe(true);
  });
});
