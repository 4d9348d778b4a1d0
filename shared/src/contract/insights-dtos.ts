/** The insights' response shapes: the OpenAPI document describes them and the DTO types are inferred from them (bottom). */
import { z } from 'zod';
import { agentDto } from './dtos';

const id = z.string().describe('24-character hex id');
const isoDate = z.string().describe('ISO 8601 date-time');
const count = z.number().int();
const seconds = z.number().nullable();

export const insightsFiguresDto = z.object({
  conversations: count.describe('sessions in which the customer wrote'),
  aiResolved: count.describe('closed with no human message and never handed off'),
  handedOff: count.describe('help requested or taken over'),
  handoffRate: z.number().nullable().describe('handedOff / conversations (0–1)'),
  firstHumanReplyMedianSeconds: seconds.describe('median seconds from the handoff to the first operator message'),
  humanWaitMedianSeconds: seconds.describe('median seconds from the help request to a person acting'),
  csatAi: z.number().nullable().describe('mean CSAT of conversations no person touched'),
  csatHuman: z.number().nullable().describe('mean CSAT of conversations a person touched'),
  csatAiCount: count,
  csatHumanCount: count,
});
const rateSide = z.object({ conversations: count, handedOff: count, handoffRate: z.number().nullable() });
export const insightsReportDto = z.object({
  from: z.string().describe('YYYY-MM-DD (UTC)'),
  to: z.string(),
  agentId: id.nullable(),
  total: insightsFiguresDto,
  days: z.array(insightsFiguresDto.extend({ date: z.string() })),
  agents: z.array(insightsFiguresDto.extend({ agentId: id })),
  changes: z.array(z.object({ kind: z.enum(['knowledge', 'prompt']), at: isoDate, agentId: id, title: z.string(), before: rateSide, after: rateSide })),
});
const handoffItemDto = z.object({
  sessionId: id,
  agentId: id,
  customerId: z.string(),
  handedOffAt: isoDate,
  question: z.string().nullable(),
  humanReplies: z.array(z.object({ text: z.string(), at: isoDate, author: z.string().nullable() })),
});
export const handoffGroupDto = z.object({ reason: z.string(), count, items: z.array(handoffItemDto) });
export const promptSuggestionDto = z.object({
  id,
  agentId: id,
  sessionId: id.nullable(),
  text: z.string(),
  status: z.enum(['pending', 'accepted', 'dismissed']),
  createdBy: z.string(),
  createdAt: isoDate,
  decidedBy: z.string().nullable(),
  decidedAt: isoDate.nullable(),
});
export const acceptedSuggestionDto = z.object({ suggestion: promptSuggestionDto, agent: agentDto });

// The insights DTO types, inferred (re-exported by types.ts).
export type InsightsReport = z.infer<typeof insightsReportDto>;
export type HandoffGroup = z.infer<typeof handoffGroupDto>;
export type PromptSuggestionDto = z.infer<typeof promptSuggestionDto>;
