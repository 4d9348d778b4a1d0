import type { AgentDto, LlmConfig } from '../../../../shared/src/contract/types';

/** The installation's model settings (OPENAI_API_KEY, OPENAI_BASE_URL). */
export interface ServerModelSettings {
  openaiApiKey?: string;
  openaiBaseUrl?: string;
}

/**
 * Why an agent's model cannot answer, or null when it can — the same rule the provider
 * factory applies on every reply (providers/provider-factory.ts), said at save time instead:
 * an `openai` agent with no key of its own, on a server without OPENAI_API_KEY (or naming its
 * own `baseUrl`, where that key is never sent), failed every reply (issue 22.7).
 */
export function modelIssue(llm: LlmConfig, server: ServerModelSettings): string | null {
  if (llm.provider !== 'openai' || llm.hasApiKey) return null;
  const ownEndpoint = !!llm.baseUrl && llm.baseUrl !== server.openaiBaseUrl;
  if (ownEndpoint) return `model not configured: give the agent its own llm.apiKey for ${llm.baseUrl} (OPENAI_API_KEY is never sent to an agent's baseUrl)`;
  if (!server.openaiApiKey) return 'model not configured: set OPENAI_API_KEY on the server or give the agent its own llm.apiKey (or use the "offline" or "openai-compatible" provider)';
  return null;
}

/** The agent with `llm.modelIssue` filled in when its model cannot answer (absent when it can: the field is additive). */
export function withModelStatus(agent: AgentDto, server: ServerModelSettings | undefined): AgentDto {
  const issue = server ? modelIssue(agent.llm, server) : null;
  return issue ? { ...agent, llm: { ...agent.llm, modelIssue: issue } } : agent;
}
