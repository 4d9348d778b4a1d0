import type { MessageRole } from '../../../../shared/src/contract/types';

/**
 * Where a message's clientMessageId is kept among the session's latest: a customer's as sent
 * (the AI turn's update checks the same list), every other role's apart and in its role's
 * namespace, so a customer's id never refuses a staff message or the reverse (see `dedupeKeyOf`).
 */
export function recentIdOf(role: MessageRole, clientMessageId: string): { field: 'recentClientIds' | 'recentStaffIds'; id: string } {
  return role === 'customer' ? { field: 'recentClientIds', id: clientMessageId } : { field: 'recentStaffIds', id: `${role}:${clientMessageId}` };
}

/** A customer id that reads like a role's namespace: its key gets the `customer:` one, or it could be a staff message's key. */
const ROLE_PREFIX = /^(customer|agent|operator|whisper|context|system|tool):/;

/**
 * Customers' keys keep the form they were first stored in; each other role has a namespace of
 * its own, so an id a customer picked can never swallow a staff message (or the reverse). A
 * customer id that itself starts like a namespace is put in the customer's own.
 */
export function dedupeKeyOf(sessionId: string, role: MessageRole, clientMessageId: string): string {
  if (role !== 'customer') return `${sessionId}:${role}:${clientMessageId}`;
  return ROLE_PREFIX.test(clientMessageId) ? `${sessionId}:customer:${clientMessageId}` : `${sessionId}:${clientMessageId}`;
}
