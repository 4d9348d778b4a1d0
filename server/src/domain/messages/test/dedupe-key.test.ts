/** A clientMessageId is stored once per session and role: the keys the unique dedupe index sees. */
import { dedupeKeyOf } from '../dedupe-keys';

describe('dedupe keys', () => {
  it("a customer's key keeps the form stored before roles had namespaces (a retry of an old message still finds it)", () => {
    expect(dedupeKeyOf('s1', 'customer', 'c-42')).toBe('s1:c-42');
  });

  it('the same id from a customer and from staff never collides, in either direction', () => {
    const keys = (['customer', 'operator', 'whisper', 'context'] as const).map((role) => dedupeKeyOf('s1', role, 'c-42'));
    expect(new Set(keys).size).toBe(keys.length);
  });

  // Regression: a customer's id shaped like a staff key ("operator:c-42") made the very key of the
  // operator's message with id "c-42", so that tell was answered as a duplicate of the customer's
  // message and never stored.
  it('a customer id shaped like a staff namespace still gets a key of its own', () => {
    const staff = (['agent', 'operator', 'whisper', 'context', 'system', 'tool'] as const).map((role) => dedupeKeyOf('s1', role, 'c-42'));
    for (const role of ['agent', 'operator', 'whisper', 'context', 'system', 'tool', 'customer']) {
      expect(staff).not.toContain(dedupeKeyOf('s1', 'customer', `${role}:c-42`));
    }
    // Nor do two customer ids ever share a key.
    expect(dedupeKeyOf('s1', 'customer', 'customer:operator:c-42')).not.toBe(dedupeKeyOf('s1', 'customer', 'operator:c-42'));
    expect(dedupeKeyOf('s1', 'customer', 'customer:c-42')).not.toBe(dedupeKeyOf('s1', 'customer', 'c-42'));
  });

  it('the same id in two sessions is two messages', () => {
    expect(dedupeKeyOf('s1', 'customer', 'c-42')).not.toBe(dedupeKeyOf('s2', 'customer', 'c-42'));
    expect(dedupeKeyOf('s1', 'operator', 'c-42')).not.toBe(dedupeKeyOf('s2', 'operator', 'c-42'));
  });
});
