import type { AgentSecret } from './agent-secret';

/** What an agent stores of its model API key. */
export interface SealedApiKey {
  apiKey: string;
  apiKeyFor: string;
}

/**
 * Agents' own model API keys (for a model server that needs one: OpenRouter, Groq, a hosted
 * vLLM …), sealed for the endpoint they were given with: a key is never sent to another
 * endpoint, even after the agent's `baseUrl` changes. `apiKeyFor` names that endpoint in the
 * clear, so answers can say whether the agent has a key for its current one.
 */
export class AgentApiKeys {
  constructor(private readonly secret: AgentSecret) {}

  seal(agentId: string, baseUrl: string | null | undefined, apiKey: string): SealedApiKey {
    const endpoint = baseUrl ?? '';
    return { apiKey: this.secret.seal(agentId, apiKey, endpoint), apiKeyFor: endpoint };
  }

  /** The key to send with this agent's requests; undefined without one, or if it was given for another endpoint. */
  open(agentId: string, llm: { apiKey?: string | null; apiKeyFor?: string | null; baseUrl?: string | null }): string | undefined {
    const endpoint = llm.baseUrl ?? '';
    return llm.apiKeyFor === endpoint ? this.secret.open(agentId, llm.apiKey, endpoint) : undefined;
  }
}
