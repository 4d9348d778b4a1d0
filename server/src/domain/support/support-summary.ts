import type { MessageDto } from '../../../../shared/src/contract/types';

const MAX_SUMMARY_CHARS = 2000;

/**
 * A short account of what happened while a human had the conversation, given to the model
 * on release so it carries on where the human left off instead of offering a handoff again.
 */
export function summariseSupportSpell(spell: MessageDto[], releasedBy: string): string {
  const lines = spell
    .filter((m) => m.role === 'customer' || m.role === 'operator')
    .map((m) => (m.role === 'customer' ? `Customer: ${m.content}` : `${m.author?.name ?? 'Operator'}: ${m.content}`));
  const body = lines.length ? lines.join('\n') : '(no messages were exchanged)';
  const text =
    `A human support agent handled this conversation and ${releasedBy} has now handed it back to you. ` +
    'The customer’s earlier request for a human has been dealt with: do not offer a handoff again unless the customer asks anew. ' +
    `What was said meanwhile:\n${body}`;
  return text.length > MAX_SUMMARY_CHARS ? `${text.slice(0, MAX_SUMMARY_CHARS)}…` : text;
}
