import type { SecretBox } from '../secrets/secret-box';

/** What an agent stores of its model API key. */
export interface SealedApiKey {
  apiKey: string;
  apiKeyFor: string;
}

/**
 * Agents' own model API keys (for a model server that needs one: OpenRouter, Groq, a hosted
 * vLLM …). The server must send them, so they are encrypted rather than hashed, and bound to
 * the agent and to the endpoint they were given with: a key is never sent to another
 * endpoint, even after the agent's `baseUrl` changes, nor usable if copied onto another agent.
 */
export class AgentApiKeys {
  constructor(private readonly box: SecretBox) {}

  seal(agentId: string, baseUrl: string | null | undefined, apiKey: string): SealedApiKey {
    const endpoint = baseUrl ?? '';
    return { apiKey: this.box.seal(apiKey, boundTo(agentId, endpoint)), apiKeyFor: endpoint };
  }

  /** The key to send with this agent's requests; undefined without one, or if it was given for another endpoint. */
  open(agentId: string, llm: { apiKey?: string | null; apiKeyFor?: string | null; baseUrl?: string | null }): string | undefined {
    const endpoint = llm.baseUrl ?? '';
    if (!llm.apiKey || llm.apiKeyFor !== endpoint) return undefined;
    try {
      return this.box.open(llm.apiKey, boundTo(agentId, endpoint));
    } catch {
      return undefined;
    }
  }
}

const boundTo = (agentId: string, endpoint: string): string => `agent:${agentId}|${endpoint}`;
