import type { AgentDto } from '../dto';
import type { HandoffGroup, InsightsReport, PromptSuggestionDto, PromptSuggestionStatus } from '../insights-dto';

type Query = Record<string, string | number | boolean | undefined>;
type Get = <T>(path: string, query?: Query) => Promise<T>;
type Post = <T>(path: string, body?: unknown) => Promise<T>;
const enc = encodeURIComponent;

/** The insights part of the typed client (docs/insights.md). */
export function insightsClient(get: Get, post: Post) {
  return {
    /** Outcomes per UTC day (`from`/`to` YYYY-MM-DD, both included; default the last 30 days). */
    report: (query: { agentId?: string; from?: string; to?: string } = {}) => get<InsightsReport>('/v1/insights', query),
    handoffs: async (query: { agentId?: string; from?: string; to?: string; limit?: number } = {}) => (await get<{ groups: HandoffGroup[] }>('/v1/insights/handoffs', query)).groups,
    suggestions: async (query: { agentId?: string; status?: PromptSuggestionStatus } = {}) => (await get<{ suggestions: PromptSuggestionDto[] }>('/v1/insights/prompt-suggestions', query)).suggestions,
    suggest: async (input: { agentId: string; sessionId?: string; text: string }) => (await post<{ suggestion: PromptSuggestionDto }>('/v1/insights/prompt-suggestions', input)).suggestion,
    /** Adds the text (edited, if given) to the agent's prompt. */
    accept: (id: string, text?: string) => post<{ suggestion: PromptSuggestionDto; agent: AgentDto }>(`/v1/insights/prompt-suggestions/${enc(id)}/accept`, text ? { text } : {}),
    dismiss: async (id: string) => (await post<{ suggestion: PromptSuggestionDto }>(`/v1/insights/prompt-suggestions/${enc(id)}/dismiss`, {})).suggestion,
  };
}
