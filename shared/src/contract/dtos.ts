/**
 * The response shapes (DTOs) as zod schemas: the OpenAPI document describes them, and the
 * DTO types are inferred from them (bottom), so a shape is written once.
 */
import { z } from 'zod';
import { API_KEY_SCOPES } from '../api-key-scopes';
import { DOMAIN_EVENT_TYPES } from './vocabulary';
import { ERROR_CODES } from '../errors';
import { businessHoursSchema, llmSchema, promptSchema, supportCommandsSchema } from '../schemas';
import { CHAT_LANGUAGES } from '../languages';
import { LEAD_FIELD_TYPES } from '../lead-schemas';

const id = z.string().describe('24-character hex id');
const isoDate = z.string().describe('ISO 8601 date-time');
const nullableDate = isoDate.nullable();
const eventType = z.enum(DOMAIN_EVENT_TYPES);

export const errorBodySchema = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    field: z.string().optional().describe('the offending field, for invalid_request'),
    retryAfter: z.number().optional().describe('seconds to wait, for rate_limited'),
    details: z.unknown().optional(),
  }),
});

const leadFieldType = z.enum(LEAD_FIELD_TYPES);
export const leadFieldDto = z.object({
  key: z.string(),
  label: z.string(),
  type: leadFieldType,
  options: z.array(z.string()).optional().describe('enum fields only'),
  required: z.boolean(),
  description: z.string().nullable(),
  prechat: z.boolean(),
});
const prechatFieldDto = leadFieldDto.pick({ key: true, label: true, type: true, options: true, required: true });
const leadValue = z.union([z.string(), z.number(), z.boolean()]);

export const agentDto = z.object({
  id,
  name: z.string(),
  prompt: promptSchema,
  // The key is write-only: answers say whether there is one for the endpoint.
  llm: llmSchema.omit({ apiKey: true }).extend({ hasApiKey: z.boolean(), modelIssue: z.string().optional().describe('present only when the model cannot answer as configured, e.g. "model not configured"') }),
  knowledgeBaseIds: z.array(id),
  fields: z.array(leadFieldDto),
  memory: z.object({ enabled: z.boolean() }),
  supportCommands: supportCommandsSchema,
  callEscalation: z.object({ enabled: z.boolean(), webhookUrl: z.string().optional(), voiceAgentId: z.string().optional(), hasSecret: z.boolean() }),
  escalationLadder: z.object({ enabled: z.boolean(), waitSeconds: z.number().int() }),
  dormantAfterSeconds: z.number().int(),
  greeting: z.string(),
  language: z.enum(CHAT_LANGUAGES),
  allowedOrigins: z.array(z.string()),
  businessHours: businessHoursSchema.nullable(),
  tools: z.array(
    z.object({
      name: z.string(),
      description: z.string(),
      parameters: z.record(z.string(), z.unknown()),
      http: z.object({ url: z.string(), method: z.enum(['POST', 'GET']) }),
      hasSecret: z.boolean(),
      timeoutMs: z.number().int(),
      approval: z.enum(['never', 'always']),
      progressLabel: z.string().nullable(),
    }),
  ),
  mcpServers: z.array(
    z.object({
      name: z.string(),
      url: z.string(),
      hasHeaders: z.boolean(),
      allowedTools: z.array(z.string()).nullable(),
      approval: z.enum(['never', 'always']),
      tools: z.array(z.object({ name: z.string(), description: z.string() })),
      listedAt: nullableDate,
      error: z.string().nullable(),
    }),
  ),
  approvalTimeoutSeconds: z.number().int(),
  createdAt: isoDate,
  updatedAt: isoDate,
});

const sessionStatus = z.enum(['active', 'dormant', 'closed']);
const sessionMode = z.enum(['ai', 'support']);

export const sessionDto = z.object({
  id,
  agentId: id,
  customerId: z.string(),
  metadata: z.record(z.string(), z.unknown()),
  status: sessionStatus,
  mode: sessionMode,
  helpRequested: z.boolean(),
  helpRequestedAt: nullableDate,
  helpReason: z.string().nullable(),
  assignedTo: id.nullable(),
  currentState: z.string().nullable(),
  fields: z.record(z.string(), leadValue).describe('lead fields captured, by key'),
  fieldsComplete: z.boolean().describe('every required lead field captured (true when none is required)'),
  createdAt: isoDate,
  updatedAt: isoDate,
  lastMessageAt: nullableDate,
  lastMessageFrom: z.enum(['customer', 'agent', 'operator']).nullable(),
  lastSeq: z.number().int(),
  closedAt: nullableDate,
  modeChangedAt: nullableDate.optional().describe('when an operator last took over or released'),
  csat: z.object({ rating: z.number().int(), comment: z.string().nullable(), at: isoDate }).nullable(),
  approvalPending: z.boolean(),
  channel: z.string().describe('`web` for the widget, else the integrator\'s short name (`sms`, `whatsapp`); `api` when none was given'),
});

export const customerSessionDto = sessionDto
  .pick({ id: true, agentId: true, status: true, mode: true, helpRequested: true, lastSeq: true, createdAt: true })
  .extend({ rated: z.boolean(), prechat: z.array(prechatFieldDto).optional().describe('pre-chat fields still to ask (widget only)') });

export const attachmentDto = z.object({ id, name: z.string(), type: z.string(), size: z.number().int(), url: z.string() });
export const cannedReplyDto = z.object({ id, agentId: id, shortcut: z.string(), text: z.string(), createdAt: isoDate });

export const toolCallDto = z.object({
  toolCallId: z.string(),
  name: z.string(),
  arguments: z.record(z.string(), z.unknown()),
  status: z.enum(['pending_approval', 'running', 'succeeded', 'failed', 'denied', 'timed_out', 'cancelled']),
  approval: z.enum(['never', 'always']),
  result: z.string().nullable().describe('an excerpt, at most 2000 characters'),
  durationMs: z.number().nullable(),
  decidedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  reason: z.string().nullable().describe('the deny reason, or the error'),
  expiresAt: nullableDate.describe('the approval deadline'),
  progressLabel: z.string().nullable(),
  source: z.enum(['http', 'mcp', 'builtin']),
});

export const messageDto = z.object({
  id,
  sessionId: id,
  seq: z.number().int(),
  role: z.enum(['customer', 'agent', 'operator', 'whisper', 'context', 'system', 'tool']),
  content: z.string(),
  status: z.enum(['streaming', 'complete', 'interrupted', 'failed']).optional().describe('agent messages only'),
  clientMessageId: z.string().nullable().optional(),
  author: z.object({ id: z.string(), name: z.string() }).nullable().optional(),
  source: z.string().nullable().optional(),
  attachment: attachmentDto.optional(),
  toolCall: toolCallDto.optional().describe('tool messages only (staff)'),
  createdAt: isoDate,
  completedAt: nullableDate.optional(),
  endReason: z.enum(['takeover', 'model_error', 'shutdown', 'process_stopped', 'erased']).nullable().optional().describe('agent replies that ended interrupted or failed: why'),
  text: z.string().optional().describe('customer-visible messages: the content as plain text (Markdown stripped, link URLs kept, list items as lines)'),
});

export const sessionStatsDto = z.object({ total: z.number().int(), active: z.number().int(), dormant: z.number().int(), closed: z.number().int(), helpRequested: z.number().int(), awaitingReply: z.number().int(), approvalPending: z.number().int(), csatAverage: z.number().nullable(), csatCount: z.number().int() });

export const operatorDto = z.object({ id, email: z.string(), name: z.string(), role: z.enum(['admin', 'operator']), status: z.enum(['online', 'away']), present: z.boolean(), createdAt: isoDate });

export const apiKeyDto = z.object({ id, name: z.string(), prefix: z.string(), scopes: z.array(z.enum(API_KEY_SCOPES)).describe('what the key may do; admin may do everything'), createdAt: isoDate, lastUsedAt: nullableDate, revokedAt: nullableDate });

export const webhookDto = z.object({ id, url: z.string(), types: z.array(eventType), createdAt: isoDate });

export const webhookDeliveryDto = z.object({
  id,
  webhookId: id,
  eventId: id,
  type: eventType,
  sessionId: id,
  status: z.enum(['pending', 'succeeded', 'failed']),
  attempts: z.array(z.object({ at: isoDate, status: z.number().int().nullable(), error: z.string().nullable(), durationMs: z.number() })),
  nextAttemptAt: nullableDate,
  createdAt: isoDate,
  completedAt: nullableDate,
});

export const callDto = z.object({
  id,
  sessionId: id,
  status: z.enum(['offered', 'requested', 'ringing', 'in_progress', 'completed', 'failed']),
  phone: z.string().nullable(),
  reason: z.string().nullable(),
  summary: z.string().nullable(),
  error: z.string().nullable(),
  createdAt: isoDate,
  updatedAt: isoDate,
  text: z.string().optional().describe('an offer: what to tell a customer on a text-only channel'),
});

export const knowledgeBaseDto = z.object({ id, name: z.string(), description: z.string(), documentCount: z.number().int(), createdAt: isoDate });
export const knowledgeDocumentDto = z.object({ id, title: z.string(), chunks: z.number().int() });
export const customerMemoryDto = z.object({ id, agentId: id, sessionId: id, summary: z.string(), createdAt: isoDate });

export const customerExportDto = z.object({
  customerId: z.string(),
  exportedAt: isoDate,
  sessions: z.array(z.object({ session: sessionDto, messages: z.array(messageDto), calls: z.array(callDto), fields: z.array(z.object({ key: z.string(), label: z.string(), value: leadValue })).describe('captured lead fields, labelled') })),
  memories: z.array(customerMemoryDto),
});
const count = z.number().int();
export const customerErasureDto = z.object({ sessions: count, messages: count, attachments: count, calls: count, memories: count });

export const eventEnvelopeDto = z.object({ id, type: eventType, at: isoDate, sessionId: id, agentId: id, data: z.unknown() });


export const sessionPreviewDto = z.object({
  sessionId: id,
  lastMessage: z.object({ role: z.enum(['customer', 'agent', 'operator']), text: z.string() }).nullable(),
  unread: z.number().int().describe('customer messages the asking operator has not read'),
  snippet: z.string().nullable().describe('the text around a word-search hit'),
});

export const knowledgeDocumentDetailDto = z.object({ id, title: z.string(), content: z.string(), format: z.enum(['text', 'markdown', 'html']), chunks: z.number().int(), updatedAt: isoDate });

// ---------------------------------------------------------------- the DTO types, inferred (re-exported by types.ts)
export type AgentDto = z.infer<typeof agentDto>;
export type SessionDto = z.infer<typeof sessionDto>;
export type CustomerSessionDto = z.infer<typeof customerSessionDto>;
export type MessageDto = z.infer<typeof messageDto>;
export type OperatorDto = z.infer<typeof operatorDto>;
export type ApiKeyDto = z.infer<typeof apiKeyDto>;
export type WebhookDto = z.infer<typeof webhookDto>;
export type WebhookDeliveryDto = z.infer<typeof webhookDeliveryDto>;
export type CallDto = z.infer<typeof callDto>;
export type KnowledgeBaseDto = z.infer<typeof knowledgeBaseDto>;
export type KnowledgeDocumentDto = z.infer<typeof knowledgeDocumentDto>;
export type CustomerMemoryDto = z.infer<typeof customerMemoryDto>;
export type CustomerExportDto = z.infer<typeof customerExportDto>;
export type CustomerErasureDto = z.infer<typeof customerErasureDto>;
export type CannedReplyDto = z.infer<typeof cannedReplyDto>;
