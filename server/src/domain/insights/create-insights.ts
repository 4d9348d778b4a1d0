import type { AgentService } from '../agents/agent.service';
import { HandoffInboxService } from './handoff-inbox.service';
import { InsightsService } from './insights.service';
import { PromptSuggestionService } from './prompt-suggestion.service';

/** The insights' services, wired to the agents (one line in app.ts). */
export function createInsights(agents: AgentService): { insights: InsightsService; handoffInbox: HandoffInboxService; promptSuggestions: PromptSuggestionService } {
  return {
    insights: new InsightsService(agents),
    handoffInbox: new HandoffInboxService(),
    promptSuggestions: new PromptSuggestionService({ get: (id) => agents.get(id), amendPrompt: (id, amend) => agents.amendPrompt(id, amend) }),
  };
}
