/** Outcomes, the handoffs to learn from, and prompt suggestions (docs/insights.md). */
import { z } from 'zod';
import { created, idParams, obj, ok } from './common';
import { defineArea, defineOperation } from './operation';
import * as ins from './insights-dtos';
import * as insq from '../insights-schemas';

export const insightsReport = defineOperation({ method: 'get', path: '/v1/insights', tag: 'insights', summary: 'Outcomes per UTC day (from/to included, default the last 30 days) and per agent: conversations, AI-resolved, handed off, handoff rate, median first human reply and wait, CSAT AI-only vs human-touched; and the changes (knowledge documents, accepted prompt suggestions) with the handoff rate before and after', access: 'staff', query: insq.insightsQuerySchema, responses: ok('the report', ins.insightsReportDto) });
export const listHandoffs = defineOperation({ method: 'get', path: '/v1/insights/handoffs', tag: 'insights', summary: 'Handed-off conversations, newest first, grouped by help reason, each with the customer’s question and what the person answered', access: 'staff', query: insq.handoffsQuerySchema, responses: ok('groups', obj({ groups: z.array(ins.handoffGroupDto) })) });
export const listPromptSuggestions = defineOperation({ method: 'get', path: '/v1/insights/prompt-suggestions', tag: 'insights', summary: 'Prompt changes suggested from handoffs, newest first', access: 'staff', query: insq.promptSuggestionsQuerySchema, responses: ok('suggestions', obj({ suggestions: z.array(ins.promptSuggestionDto) })) });
export const suggestPrompt = defineOperation({ method: 'post', path: '/v1/insights/prompt-suggestions', tag: 'insights', summary: 'Suggest an addition to an agent’s prompt (for its admin to accept or dismiss)', access: 'staff', body: insq.promptSuggestionCreateSchema, responses: created('the suggestion', obj({ suggestion: ins.promptSuggestionDto })) });
export const acceptPromptSuggestion = defineOperation({ method: 'post', path: '/v1/insights/prompt-suggestions/{id}/accept', tag: 'insights', summary: 'Accept (optionally with edited text): the text is added to the agent’s prompt as a new paragraph (a multi-state prompt: its start state’s)', access: 'admin', body: insq.promptSuggestionAcceptSchema, params: idParams, responses: ok('the suggestion and the agent', ins.acceptedSuggestionDto), errors: [409] });
export const dismissPromptSuggestion = defineOperation({ method: 'post', path: '/v1/insights/prompt-suggestions/{id}/dismiss', tag: 'insights', summary: 'Dismiss a suggestion', access: 'admin', params: idParams, responses: ok('the suggestion', obj({ suggestion: ins.promptSuggestionDto })), errors: [409] });

export const insightsOperations = defineArea({ insightsReport, listHandoffs, listPromptSuggestions, suggestPrompt, acceptPromptSuggestion, dismissPromptSuggestion });
