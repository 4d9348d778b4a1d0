/** Small helpers shared by the provider tests. */
import { LlmError, type LlmEvent, type LlmMessage, type LlmRequest } from '../llm-provider';

export function makeRequest(overrides: Partial<LlmRequest> = {}): LlmRequest {
  const messages: LlmMessage[] = [
    { role: 'system', content: 'You are a helpful support agent.' },
    { role: 'user', content: 'hello there' },
  ];
  return { model: 'gpt-test', messages, signal: new AbortController().signal, ...overrides };
}

export async function collect(stream: AsyncIterable<LlmEvent>): Promise<LlmEvent[]> {
  const events: LlmEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

export function textOf(events: LlmEvent[]): string {
  return events.map((e) => (e.type === 'delta' ? e.text : '')).join('');
}

/** Runs the stream to its end and returns the LlmError it failed with. */
export async function failureOf(stream: AsyncIterable<LlmEvent>, seen: LlmEvent[] = []): Promise<LlmError> {
  try {
    for await (const event of stream) seen.push(event);
  } catch (err) {
    if (err instanceof LlmError) return err;
    throw err;
  }
  throw new Error(`expected the stream to fail, it produced ${seen.length} events`);
}
