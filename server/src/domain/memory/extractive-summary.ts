import type { MessageDto } from '../../../../shared/src/contract/types';

const MAX_CHARS = 600;

const firstSentence = (s: string) => (s.match(/^[^.!?\n]+[.!?]?/)?.[0] ?? s).trim();

/** A summary without a model: what the customer asked and how the conversation ended. */
export function extractiveSummary(messages: MessageDto[]): string {
  const asked = messages.filter((m) => m.role === 'customer').map((m) => firstSentence(m.content)).slice(0, 4);
  const answers = messages.filter((m) => m.role === 'agent' || m.role === 'operator');
  const last = answers[answers.length - 1];
  const parts = [asked.length ? `Customer asked: ${asked.join(' / ')}` : 'Customer wrote nothing.'];
  if (last) parts.push(`Last answer (${last.role === 'operator' ? 'human support' : 'assistant'}): ${firstSentence(last.content)}`);
  const text = parts.join(' ');
  return text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS)}…` : text;
}
