/**
 * What the insights answer (SPEC §10 `GET /v1/insights`, docs/insights.md): outcomes per day
 * and per agent, the handed-off conversations to learn from, and prompt suggestions.
 */

/** The response shapes are inferred from their zod schemas in the REST contract. */
export type { InsightsReport, HandoffGroup, PromptSuggestionDto } from './contract/insights-dtos';

/** The outcome figures of a set of conversations (one day, one agent, or a whole range). */
export interface InsightsFigures {
  /** Sessions in which the customer wrote at least once. */
  conversations: number;
  /** Closed with no human message and never handed off. */
  aiResolved: number;
  /** Help was requested (by the customer, the model or the API) or an operator took over. */
  handedOff: number;
  /** handedOff / conversations, 0–1 (4 decimals); null with no conversations. */
  handoffRate: number | null;
  /** Median seconds from the handoff to the first operator message. */
  firstHumanReplyMedianSeconds: number | null;
  /** Median seconds from the first help request to the first person acting (takeover or message). */
  humanWaitMedianSeconds: number | null;
  /** Mean CSAT (1–5) of rated conversations no person touched / a person touched; null if none. */
  csatAi: number | null;
  csatHuman: number | null;
  csatAiCount: number;
  csatHumanCount: number;
}

export interface InsightsDay extends InsightsFigures {
  /** A UTC day, YYYY-MM-DD. */
  date: string;
}

/** A change that should move the handoff rate: a knowledge-base document added, or a prompt suggestion accepted. */
export interface InsightsChange {
  kind: 'knowledge' | 'prompt';
  at: string;
  agentId: string;
  title: string;
  /** Handoff figures over the CHANGE_WINDOW_DAYS before and after the change. */
  before: { conversations: number; handedOff: number; handoffRate: number | null };
  after: { conversations: number; handedOff: number; handoffRate: number | null };
}


/** One handed-off conversation and what the person said in it. */
export interface HandoffItem {
  sessionId: string;
  agentId: string;
  customerId: string;
  handedOffAt: string;
  /** The customer's last message before the handoff (their question), if any. */
  question: string | null;
  /** What the operators told the customer, oldest first. */
  humanReplies: { text: string; at: string; author: string | null }[];
}


export type PromptSuggestionStatus = 'pending' | 'accepted' | 'dismissed';

