/** The console's insights calls (through the shared typed client, errors as `SwitchboardError`). */
import type { PromptSuggestionStatus } from '../../../shared/src/contract/types';
import { call } from './api';

export const insightsApi = {
  report: (query: { agentId?: string; from?: string; to?: string }) => call((c) => c.insights.report(query)),
  handoffs: (query: { agentId?: string; from?: string; to?: string }) => call((c) => c.insights.handoffs(query)),
  suggestions: (query: { agentId?: string; status?: PromptSuggestionStatus }) => call((c) => c.insights.suggestions(query)),
  suggest: (input: { agentId: string; sessionId?: string; text: string }) => call((c) => c.insights.suggest(input)),
  accept: (id: string, text?: string) => call((c) => c.insights.accept(id, text)),
  dismiss: (id: string) => call((c) => c.insights.dismiss(id)),
  /** The existing knowledge endpoint: the operator's answer as a document. */
  addDocument: (knowledgeBaseId: string, input: { title: string; content: string }) => call((c) => c.knowledgeBases.addDocument(knowledgeBaseId, input)),
};

/** The text a prompt suggestion starts from: the customer's question and the person's answer. */
export const suggestionDraft = (question: string | null, answer: string): string =>
  question ? `When a customer asks something like “${question}”, answer: ${answer}` : `When this comes up, answer: ${answer}`;
