import * as op from '../../../../../shared/src/contract/insights';
import type { Services } from '../../../services';
import type { Principal } from '../auth';
import type { ContractRouter } from '../contract-router';

/** What these handlers use of the services. */
export type InsightsDeps = Pick<Services, 'handoffInbox' | 'insights' | 'promptSuggestions'>;

/** Who decided or suggested, as shown to admins: the operator's name, or the API key's id. */
function byWhom(p: Extract<Principal, { kind: 'apiKey' | 'operator' }>): string {
  return p.kind === 'operator' ? p.operator.name : `API key ${p.key.id}`;
}

/** Outcomes, the handoffs to learn from, and prompt suggestions (docs/insights.md). */
export function insightsRoutes(api: ContractRouter, s: InsightsDeps): void {
  api.route(op.insightsReport, async ({ query }) => s.insights.report(query));
  api.route(op.listHandoffs, async ({ query }) => s.handoffInbox.list(query));
  api.route(op.listPromptSuggestions, async ({ query }) => ({ suggestions: await s.promptSuggestions.list(query) }));
  api.route(op.suggestPrompt, async ({ body, principal }) => ({ suggestion: await s.promptSuggestions.create(body, byWhom(principal)) }));
  api.route(op.acceptPromptSuggestion, async ({ params: { id }, body: { text }, principal }) => s.promptSuggestions.accept(id, byWhom(principal), text));
  api.route(op.dismissPromptSuggestion, async ({ params: { id }, principal }) => ({ suggestion: await s.promptSuggestions.dismiss(id, byWhom(principal)) }));
}
