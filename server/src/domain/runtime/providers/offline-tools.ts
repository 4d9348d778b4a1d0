/**
 * What the offline demo model does with tools: it recognises a few plain requests (an order's
 * status, a refund, a customer giving their e-mail address) and calls the matching tool — only
 * when that tool is offered in the request — and once the results are back it answers from
 * them. Deterministic rules, no model: it exists so the keyless demo can show tools and
 * approvals, and it says what happened honestly (a denied refund is not done).
 */
import type { LlmMessage, LlmTool, LlmToolCall } from '../llm-provider';

export const LOOKUP_ORDER_TOOL = 'lookup_order';
export const REFUND_ORDER_TOOL = 'refund_order';
export const SAVE_FIELDS_TOOL = 'save_fields';

const ORDER_WORD = /\border(?:s|ed)?\b/i;
const ORDER_NUMBER = /#?\b(\d{3,12})\b/;
const REFUND = /\brefund|\bmoney back\b|\breimburse/i;
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/u;
const NAME = /\b[Mm]y name is\s+([\p{L}][\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*)?)/u;
/** A tool call's own statuses: a result carrying one of these reports the call, not the order. */
const CALL_STATUSES = new Set(['denied', 'timed_out', 'cancelled', 'failed']);
const REFUSED = /\b(denied|deny|not approved|did not approve|declined|rejected|timed[ _-]?out|no decision|cancell?ed)\b/i;

/** The tool calls the offline model makes for the customer's latest message (none if nothing matches or the tool is not offered). */
export function plannedCalls(question: string, tools: LlmTool[] = []): LlmToolCall[] {
  const offered = new Map(tools.map((t) => [t.name, t]));
  const calls: LlmToolCall[] = [];
  const add = (name: string, args: Record<string, unknown>): void => {
    calls.push({ id: `call_offline_${calls.length}`, name, arguments: JSON.stringify(args) });
  };
  const fields = leadFields(question, offered.get(SAVE_FIELDS_TOOL));
  if (fields) add(SAVE_FIELDS_TOOL, fields);
  const orderId = ORDER_WORD.test(question) ? ORDER_NUMBER.exec(question)?.[1] : undefined;
  if (orderId) {
    if (REFUND.test(question) && offered.has(REFUND_ORDER_TOOL)) add(REFUND_ORDER_TOOL, { orderId, reason: question.slice(0, 200) });
    else if (offered.has(LOOKUP_ORDER_TOOL)) add(LOOKUP_ORDER_TOOL, { orderId });
  }
  return calls;
}

/** `{email, name}` found in the message, kept to the keys `save_fields` accepts. */
function leadFields(question: string, tool: LlmTool | undefined): Record<string, string> | null {
  if (!tool) return null;
  const email = EMAIL.exec(question)?.[0];
  if (!email) return null;
  const found: Record<string, string> = { email };
  const name = NAME.exec(question)?.[1];
  if (name) found.name = name;
  const accepted = acceptedKeys(tool);
  const kept = Object.entries(found).filter(([key]) => !accepted || accepted.has(key));
  return kept.length ? Object.fromEntries(kept) : null;
}

function acceptedKeys(tool: LlmTool): Set<string> | null {
  const properties = tool.parameters.properties;
  return isRecord(properties) ? new Set(Object.keys(properties)) : null;
}

interface ToolOutcome {
  name: string;
  args: Record<string, unknown>;
  content: string;
}

/**
 * The tool results the model was given since the customer last spoke; empty when the customer
 * spoke last (a fresh question). The history may hold what was said after the calls (a reply
 * resumed after an approval follows its "the team is checking" line), so results count
 * until the customer speaks again.
 */
export function toolOutcomes(messages: LlmMessage[]): ToolOutcome[] {
  if (messages.at(-1)?.role === 'user') return [];
  const calls = new Map<string, LlmToolCall>();
  const outcomes: ToolOutcome[] = [];
  for (const message of messages) {
    if (message.role === 'user') outcomes.length = 0;
    else if (message.role === 'assistant') message.toolCalls?.forEach((c) => calls.set(c.id, c));
    else if (message.role === 'tool') {
      const call = calls.get(message.toolCallId);
      outcomes.push({ name: call?.name ?? '', args: call ? parseObject(call.arguments) ?? {} : {}, content: message.content });
    }
  }
  return outcomes;
}

/** The reply written from tool results, or null when none of them is one the offline model knows how to read. */
export function answerFromOutcomes(outcomes: ToolOutcome[]): string | null {
  const lines = outcomes.map(describe).filter((line): line is string => line !== null);
  return lines.length ? lines.join(' ') : null;
}

function describe(outcome: ToolOutcome): string | null {
  if (![LOOKUP_ORDER_TOOL, REFUND_ORDER_TOOL, SAVE_FIELDS_TOOL].includes(outcome.name)) return null;
  const data = findData(outcome.content);
  const orderId = text(data?.orderId) ?? text(outcome.args.orderId) ?? 'your order';
  if (outcome.name === SAVE_FIELDS_TOOL) return savedFields(outcome, data);
  const settled = typeof data?.status === 'string' && CALL_STATUSES.has(data.status);
  if (!data || settled || (!data.status && !data.refundId)) return notDone(outcome, orderId);
  if (outcome.name === REFUND_ORDER_TOOL) {
    return `Done: the refund for order ${orderId} is on its way (reference ${text(data.refundId) ?? 'pending'}). It reaches your card in 3–5 business days.`;
  }
  const carrier = text(data.carrier);
  const status = text(data.status) ?? 'being processed';
  const by = carrier ? ` with ${carrier}` : '';
  if (status === 'delivered') return `Order ${orderId} was delivered${carrier ? ` by ${carrier}` : ''}${data.deliveredOn ? ` on ${text(data.deliveredOn)}` : ''}.`;
  const eta = text(data.eta);
  return `Order ${orderId} is ${status}${by}${eta ? `; it should arrive by ${eta}` : ''}.`;
}

function savedFields(outcome: ToolOutcome, data: Record<string, unknown> | null): string {
  // save_fields says "Saved: …" and, for a value it refused, "Not saved: email (E-mail) is not a valid …".
  if (/\bnot saved\b|\b(invalid|error|not a valid)\b/i.test(outcome.content)) {
    return 'That doesn’t look like a valid e-mail address — could you check it and send it again?';
  }
  const name = text(outcome.args.name) ?? text(data?.name);
  return `Thanks${name ? `, ${name}` : ''}! I’ve noted your details, so the team can get back to you.`;
}

/** A call that was denied, timed out, cancelled or failed: say so, and offer a person. */
function notDone(outcome: ToolOutcome, orderId: string): string {
  const what = outcome.name === REFUND_ORDER_TOOL ? `the refund for order ${orderId}` : `the lookup of order ${orderId}`;
  const data = findData(outcome.content);
  const status = typeof data?.status === 'string' ? data.status : '';
  const offer = 'Would you like me to bring in a person from the team?';
  if (status === 'cancelled') return `I stopped ${what}: a person from the team has joined and will take it from here.`;
  if (status === 'timed_out' || (!status && /timed[ _-]?out|no decision/i.test(outcome.content))) return `The team did not approve ${what} in time, so I have not done it. ${offer}`;
  if (status === 'denied' || (!status && REFUSED.test(outcome.content))) {
    const reason = text(data?.reason);
    const note = reason && !/^no reason/i.test(reason) ? ` Their note: “${reason}”.` : '';
    return `The team did not approve ${what}, so I have not done it.${note} ${offer}`;
  }
  return `I could not complete ${what} just now — the order system did not answer as expected. Please try again in a moment, or ask for a person.`;
}

/** The first JSON object in a tool result (results may be wrapped in a note that they are data), searched one level into `result`/`data`/`body`. */
function findData(content: string): Record<string, unknown> | null {
  const start = content.indexOf('{');
  if (start < 0) return null;
  for (let end = content.lastIndexOf('}'); end > start; end = content.lastIndexOf('}', end - 1)) {
    const parsed = parseObject(content.slice(start, end + 1));
    if (parsed) return unwrap(parsed);
  }
  return null;
}

function unwrap(value: Record<string, unknown>): Record<string, unknown> {
  for (const key of ['result', 'data', 'body']) {
    const inner = value[key];
    if (isRecord(inner)) return { ...value, ...inner };
    if (typeof inner === 'string') {
      const parsed = parseObject(inner);
      if (parsed) return { ...value, ...parsed };
    }
  }
  return value;
}

function parseObject(raw: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(raw);
    return isRecord(value) ? value : null;
  } catch {
    return null;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim()) return value.trim().slice(0, 200);
  return typeof value === 'number' ? String(value) : undefined;
}
