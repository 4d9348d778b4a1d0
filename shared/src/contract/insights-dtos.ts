/** The insights' response shapes for the OpenAPI document; the checks at the bottom fail the build on drift from shared/src/insights-dto.ts. */
import { z } from 'zod';
import type * as Dto from '../insights-dto';
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

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Check<T extends true> = T;
export type InsightsDtoChecks = [
  Check<Same<z.output<typeof insightsReportDto>, Dto.InsightsReport>>,
  Check<Same<z.output<typeof handoffGroupDto>, Dto.HandoffGroup>>,
  Check<Same<z.output<typeof promptSuggestionDto>, Dto.PromptSuggestionDto>>,
];
