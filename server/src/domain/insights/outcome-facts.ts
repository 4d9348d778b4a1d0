import type { MessageRole } from '../../../../shared/src/contract/types';

/**
 * The outcome facts a stored message makes true, as a `$min` for the same atomic update that
 * takes its seq (message.service.ts): `$min` sets an absent date once and then keeps the first,
 * so no extra write and no read-then-write. The takeover is known by its notice (source
 * `takeover`, written by every takeover), so the insights need nothing from the support commands.
 */
export function outcomeFacts(role: MessageRole, source: string | undefined, now: Date): { $min?: Record<string, Date> } {
  if (role === 'customer') return { $min: { firstCustomerAt: now } };
  if (role === 'operator') return { $min: { humanRepliedAt: now } };
  if (role === 'system' && source === 'takeover') return { $min: { takenOverAt: now } };
  return {};
}
