/**
 * Reading what the model was given: the fake LLM server records every request body, and
 * these helpers pull out the parts the intelligence suites assert on.
 */
import type { ChatRequestBody, FakeLlm } from './fake-llm-server';
import { waitUntil } from './socket-clients';

type Message = ChatRequestBody['messages'][number];

const text = (m: Message): string => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content ?? ''));

/** The first system message: the agent's prompt plus what the server knows for this turn. */
export const systemOf = (req: ChatRequestBody): string => text(req.messages.find((m) => m.role === 'system') ?? { role: 'system', content: '' });

/** Every message of the request, joined. */
export const allTextOf = (req: ChatRequestBody): string => req.messages.map(text).join('\n');

/** The `tool` result messages of a request. */
export const toolResultsOf = (req: ChatRequestBody): string[] => req.messages.filter((m) => m.role === 'tool').map(text);

/** The names of the tools offered. */
export const toolNamesOf = (req: ChatRequestBody): string[] => (req.tools ?? []).map((t) => (t.type === 'function' ? t.function.name : ''));

/** One offered tool's JSON-schema parameters. */
export function toolParams(req: ChatRequestBody, name: string): Record<string, unknown> | undefined {
  const tool = (req.tools ?? []).find((t) => t.type === 'function' && t.function.name === name);
  return tool?.type === 'function' ? (tool.function.parameters as Record<string, unknown>) : undefined;
}

/** Requests that are part of a chat turn (they offer tools), not summarisations. */
export const chatRequests = (llm: FakeLlm, from = 0): ChatRequestBody[] => llm.requests.slice(from).filter((r) => (r.tools ?? []).length > 0);

/** Waits for the n-th chat-turn request made after index `from`. */
export function nthChatRequest(llm: FakeLlm, from: number, n = 1, ms = 5_000): Promise<ChatRequestBody> {
  return waitUntil(() => chatRequests(llm, from)[n - 1], ms);
}
