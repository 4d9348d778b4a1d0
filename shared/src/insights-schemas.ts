/** Zod schemas of the insights' inbound payloads (docs/insights.md). */
import { z } from 'zod';
import { objectId } from './schemas';

/** The longest range one report covers. */
export const INSIGHTS_MAX_DAYS = 366;

const day = z.iso.date('must be a date, YYYY-MM-DD');

/** `from`/`to` are UTC days, both included; by default the last 30 days. */
export const insightsQuerySchema = z
  .object({ agentId: objectId.optional(), from: day.optional(), to: day.optional() })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'must not be after to', path: ['from'] });

export const handoffsQuerySchema = z
  .object({ agentId: objectId.optional(), from: day.optional(), to: day.optional(), limit: z.coerce.number().int().min(1).max(200).default(50) })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'must not be after to', path: ['from'] });

export const promptSuggestionCreateSchema = z
  .object({ agentId: objectId, sessionId: objectId.optional(), text: z.string().trim().min(1, 'must not be empty').max(4_000) })
  .strict();

export const promptSuggestionsQuerySchema = z.object({
  agentId: objectId.optional(),
  status: z.enum(['pending', 'accepted', 'dismissed']).optional(),
});

/** Accepting may edit the text first. */
export const promptSuggestionAcceptSchema = z.object({ text: z.string().trim().min(1, 'must not be empty').max(4_000).optional() }).strict();
