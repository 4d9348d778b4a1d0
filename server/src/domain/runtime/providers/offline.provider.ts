/**
 * The offline demo model: no network, no weights, deterministic. It lets `npm start` work
 * with no API key and says plainly what it is. It answers from the knowledge passages the
 * runtime retrieved, calls `request_human` when the customer asks for a person, and calls the
 * demo's tools (an order's status, a refund, saving an e-mail address) when they are offered
 * (see offline-tools.ts), follows supervisors' whispers and quotes injected context
 * (offline-guidance.ts).
 */
import { setTimeout as delay } from 'node:timers/promises';
import { LlmError, type LlmEvent, type LlmPassage, type LlmProvider, type LlmRequest } from '../llm-provider';
import { answerFromOutcomes, LOOKUP_ORDER_TOOL, plannedCalls, toolOutcomes } from './offline-tools';
import { contextPassages, endsWithWhisper, freshContext, pendingGuidance } from './offline-guidance';
import { overlap, questionWords, weightedOverlap, wordSet } from './offline-words';

export interface OfflineProviderOptions {
  /** Pause between streamed words so the demo looks like a model typing; 0 in tests. */
  wordDelayMs?: number;
}

export const OFFLINE_WORD_DELAY_MS = 15;
const REQUEST_HUMAN_TOOL = 'request_human';
const WANTS_HUMAN = /\b(humans?|person|agents?|operators?)\b|\b(talk|speak|chat) (to|with) (someone|somebody)\b/i;
const MAX_QUOTE_SENTENCES = 2;

export const OFFLINE_FALLBACK_REPLY =
  "I'm Switchboard's offline demo model: I run without an AI service, so I can only answer " +
  "from this agent's knowledge base and bring in a person from the team when you ask for one. " +
  'Set OPENAI_API_KEY (or point the agent at an OpenAI-compatible server) for real answers.';

/** When passages were retrieved but none shares a word that matters with the question. */
export const OFFLINE_NO_MATCH_REPLY =
  "I couldn't find anything about that in this agent's knowledge base. I'm Switchboard's offline " +
  'demo model, so I can only quote it — ask for a person and someone from the team will join.';

/** Creates the offline provider. */
export function createOfflineProvider(options: OfflineProviderOptions = {}): LlmProvider {
  const wordDelayMs = options.wordDelayMs ?? OFFLINE_WORD_DELAY_MS;
  return { stream: (request) => streamOffline(request, wordDelayMs) };
}

async function* streamOffline(request: LlmRequest, wordDelayMs: number): AsyncGenerator<LlmEvent> {
  const question = lastUserText(request);
  // Results of its own tool calls came back: answer from them. Else, perhaps call a tool.
  const fromTools = answerFromOutcomes(toolOutcomes(request.messages));
  // Tools are called for a fresh question only: never again on results it cannot read (that
  // would loop until the round limit), nor when a reply resumes after an approval.
  const fresh = request.messages.at(-1)?.role === 'user';
  const calls = fresh ? plannedCalls(question, request.tools) : [];
  if (calls.length > 0) {
    throwIfAborted(request.signal, false);
    // No words before the calls: the runtime runs them and asks again, and the answer comes from their results.
    for (const call of calls) yield { type: 'tool_call', call };
    yield { type: 'done', finishReason: 'tool_calls', usage: { promptTokens: countWords(request.messages.map((m) => m.content).join(' ')), completionTokens: 0 } };
    return;
  }
  const handOff = fromTools === null && fresh && WANTS_HUMAN.test(question) && request.tools?.some((t) => t.name === REQUEST_HUMAN_TOOL);
  const reply = fromTools ?? (handOff ? 'Of course, I am asking a person from the team to join this chat.' : supervisedAnswer(request, question, fresh));
  let words = 0;
  for (const word of reply.match(/\S+\s*/g) ?? []) {
    await pause(wordDelayMs, request.signal, words > 0);
    words += 1;
    yield { type: 'delta', text: word };
  }
  throwIfAborted(request.signal, words > 0);
  if (handOff) {
    const args = JSON.stringify({ reason: `The customer asked for a person: "${question.slice(0, 200)}"` });
    yield { type: 'tool_call', call: { id: 'call_offline_0', name: REQUEST_HUMAN_TOOL, arguments: args } };
  }
  // Word counts stand in for token counts: there is no tokenizer offline.
  const usage = { promptTokens: countWords(request.messages.map((m) => m.content).join(' ')), completionTokens: words };
  yield { type: 'done', finishReason: handOff ? 'tool_calls' : 'stop', usage };
}

function lastUserText(request: LlmRequest): string {
  for (let i = request.messages.length - 1; i >= 0; i -= 1) {
    const message = request.messages[i];
    if (message.role === 'user') return message.content;
  }
  return '';
}

/**
 * The reply with supervision in it. A whisper sent with `respond: true` is followed now; a
 * context note sent with `respond: true` is passed on; otherwise the customer's question is
 * answered from the knowledge base and the conversation's notes, led by any whisper that
 * applies to it and has not been followed yet.
 */
function supervisedAnswer(request: LlmRequest, question: string, fresh: boolean): string {
  const context = freshContext(request.messages);
  if (context) return [`Here is an update for you: ${context}`, ...pendingGuidance(request.messages, question)].join(' ');
  if (!fresh && endsWithWhisper(request.messages)) {
    const lines = pendingGuidance(request.messages, question, true);
    if (lines.length) return lines.join(' ');
  }
  const guidance = pendingGuidance(request.messages, question);
  const asksForOrderNumber = /\border\b/i.test(question) && !/\d{3,}/.test(question) && request.tools?.some((t) => t.name === LOOKUP_ORDER_TOOL);
  if (asksForOrderNumber) return [...guidance, 'Could you give me your order number? I can look it up for you.'].join(' ');
  const passages = [...contextPassages(request.messages), ...(request.passages ?? [])];
  const found = answer(question, passages);
  // Guidance that applies is the answer; "nothing found" after it would contradict it.
  if (guidance.length && (found === OFFLINE_NO_MATCH_REPLY || found === OFFLINE_FALLBACK_REPLY)) return guidance.join(' ');
  return [...guidance, found].join(' ');
}

/** Quotes the passage matching the question best: shared words weighted by rarity (retrieval order breaks ties). */
function answer(question: string, passages: LlmPassage[] = []): string {
  const asked = questionWords(question);
  const sets = passages.map((p) => wordSet(`${p.title} ${p.text}`));
  const best = passages
    .map((passage, rank) => ({ passage, rank, score: weightedOverlap(asked, sets[rank] as Set<string>, sets) }))
    .sort((a, b) => b.score - a.score || a.rank - b.rank)[0];
  if (!best) return OFFLINE_FALLBACK_REPLY;
  if (best.score === 0) return OFFLINE_NO_MATCH_REPLY;
  return `From “${best.passage.title}”: ${quote(best.passage.text, asked)}`;
}

/** The most relevant sentences of a passage, kept in their original order. */
function quote(text: string, asked: Set<string>): string {
  // A sentence ends at . ! or ? followed by a space, so "$4.95" stays whole.
  const sentences = text.replace(/\s+/g, ' ').trim().split(/(?<=[.!?])\s+/);
  const chosen = sentences
    .map((sentence, i) => ({ sentence: sentence.trim(), i, score: overlap(asked, wordSet(sentence)) }))
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .slice(0, MAX_QUOTE_SENTENCES)
    .sort((a, b) => a.i - b.i);
  return chosen.map((c) => c.sentence).join(' ');
}

function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

async function pause(ms: number, signal: AbortSignal, afterFirstToken: boolean): Promise<void> {
  throwIfAborted(signal, afterFirstToken);
  if (ms <= 0) return;
  await delay(ms, undefined, { signal }).catch(() => throwIfAborted(signal, afterFirstToken));
}

function throwIfAborted(signal: AbortSignal, afterFirstToken: boolean): void {
  if (signal.aborted) throw new LlmError('aborted', 'model request aborted', afterFirstToken);
}
