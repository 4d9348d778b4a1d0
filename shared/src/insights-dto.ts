/** Moved: see contract/types.ts. */
export type { InsightsReport, HandoffGroup, PromptSuggestionDto, InsightsFigures, InsightsDay, InsightsChange, HandoffItem, PromptSuggestionStatus } from './contract/types';
