import type { AgentDto, HandoffGroup, InsightsReport, PromptSuggestionDto, PromptSuggestionStatus } from '../contract/types';
import type { contractCaller } from './contract-call';
import { ROUTES as R } from './routes';

/** The insights part of the typed client (docs/insights.md). */
export function insightsClient(call: ReturnType<typeof contractCaller>) {
  return {
    /** Outcomes per UTC day (`from`/`to` YYYY-MM-DD, both included; default the last 30 days). */
    report: (query: { agentId?: string; from?: string; to?: string } = {}): Promise<InsightsReport> => call(R.insightsReport, { query }),
    handoffs: async (query: { agentId?: string; from?: string; to?: string; limit?: number } = {}): Promise<HandoffGroup[]> => (await call(R.listHandoffs, { query })).groups,
    suggestions: async (query: { agentId?: string; status?: PromptSuggestionStatus } = {}): Promise<PromptSuggestionDto[]> => (await call(R.listPromptSuggestions, { query })).suggestions,
    suggest: async (input: { agentId: string; sessionId?: string; text: string }): Promise<PromptSuggestionDto> => (await call(R.suggestPrompt, { body: input })).suggestion,
    /** Adds the text (edited, if given) to the agent's prompt. */
    accept: (id: string, text?: string): Promise<{ suggestion: PromptSuggestionDto; agent: AgentDto }> => call(R.acceptPromptSuggestion, { params: { id }, body: text ? { text } : {} }),
    dismiss: async (id: string): Promise<PromptSuggestionDto> => (await call(R.dismissPromptSuggestion, { params: { id } })).suggestion,
  };
}
