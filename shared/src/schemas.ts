/**
 * Zod schemas for every inbound payload (REST bodies, queries, socket events). The server
 * parses with these; clients import only the types in contract/types.ts and events.ts, so zod never ships
 * in the widget bundle.
 */
import { z } from 'zod';
import { API_KEY_SCOPES } from './api-key-scopes';
import { DOMAIN_EVENT_TYPES } from './contract/vocabulary';
import { isValidTimezone, WEEKDAYS } from './business-hours';
import { CANNED_SHORTCUT_PATTERN } from './canned';
import { CHAT_LANGUAGES } from './languages';
import { leadFieldsSchema, leadValuesPatchSchema } from './lead-schemas';

export const objectId = z.string().regex(/^[a-f0-9]{24}$/, 'must be a 24-character hex id');
const trimmed = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

// Free JSON: nested objects and arrays of primitives, with no Mongo operators or
// prototype keys anywhere (they are refused by the server's key guard as well).
export const metadataSchema = z.record(z.string().max(200), z.unknown());

export const singlePromptSchema = z.object({ type: z.literal('single'), text: z.string().max(20_000) });
export const multiPromptSchema = z
  .object({
    type: z.literal('multi'),
    start: trimmed(100),
    states: z
      .array(
        z.object({
          name: trimmed(100),
          prompt: z.string().max(20_000),
          transitions: z.array(z.object({ to: trimmed(100), when: trimmed(1_000) })).max(20),
        }),
      )
      .min(1)
      .max(50),
  })
  .superRefine((p, ctx) => {
    const names = new Set(p.states.map((s) => s.name));
    if (names.size !== p.states.length) ctx.addIssue({ code: 'custom', path: ['states'], message: 'state names must be unique' });
    if (!names.has(p.start)) ctx.addIssue({ code: 'custom', path: ['start'], message: 'must name one of the states' });
    p.states.forEach((s, i) =>
      s.transitions.forEach((t, j) => {
        if (!names.has(t.to)) ctx.addIssue({ code: 'custom', path: ['states', i, 'transitions', j, 'to'], message: 'must name one of the states' });
      }),
    );
  });
export const promptSchema = z.discriminatedUnion('type', [singlePromptSchema, multiPromptSchema]);

export const llmSchema = z.object({
  provider: z.enum(['openai', 'openai-compatible', 'offline']),
  model: trimmed(200),
  baseUrl: z.url().optional(),
  temperature: z.number().min(0).max(2).optional(),
  /**
   * The model server's API key for this agent: write-only (answers only say `hasApiKey`),
   * stored encrypted, sent only to the endpoint it was given with. Omitted in a PATCH: kept;
   * null: removed.
   */
  apiKey: z.string().trim().min(1).max(1_000).nullable().optional(),
});

export const supportCommandsSchema = z.object({ whisper: z.boolean(), tell: z.boolean(), takeover: z.boolean() });

export const callEscalationSchema = z.object({
  enabled: z.boolean(),
  webhookUrl: z.url().optional(),
  secret: z.string().min(16).max(500).optional(),
  voiceAgentId: z.string().max(200).optional(),
});

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be a time like 09:00');
const timeRange = z
  .tuple([hhmm, hhmm])
  .refine(([from, to]) => to === '00:00' || from < to, 'must end after it starts');
export const businessHoursSchema = z.object({
  timezone: z.string().max(100).refine(isValidTimezone, 'must be an IANA time zone like Europe/Paris'),
  weekly: z.partialRecord(z.enum(WEEKDAYS), z.array(timeRange).max(10)),
  holidays: z.array(z.iso.date()).max(366).default([]),
});

const ladderWaitSeconds = z.number().int().min(5).max(86_400);
/** What the AI does when help was requested and no person has come (see the escalation ladder). */
export const escalationLadderSchema = z.object({ enabled: z.boolean(), waitSeconds: ladderWaitSeconds.default(60) });

/** Names the model calls tools by (OpenAI's function-name rule). */
export const TOOL_NAME_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;
const toolName = z.string().regex(TOOL_NAME_PATTERN, 'must be 1-64 characters of a-z A-Z 0-9 _ -');
const outboundUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2_000);
const approval = z.enum(['never', 'always']);

/**
 * An HTTP tool (SPEC §8). `parameters` is checked as a JSON Schema by the server (ajv);
 * `secret` is write-only: omitted in a save, the stored one of the same tool and URL is kept; null removes it.
 */
export const agentToolSchema = z.object({
  name: toolName,
  description: z.string().trim().min(1, 'must not be empty').max(2_000),
  parameters: z.record(z.string(), z.unknown()).default({ type: 'object', properties: {} }),
  http: z.object({ url: outboundUrl, method: z.enum(['POST', 'GET']).default('POST') }),
  secret: z.string().min(1).max(500).nullable().optional(),
  timeoutMs: z.number().int().min(100).max(30_000).default(10_000),
  approval: approval.default('never'),
  progressLabel: z.string().trim().max(200).nullable().optional(),
});
/** An MCP server over streamable HTTP; its name prefixes its tools' names (`<server>__<tool>`). `headers` write-only, kept like a tool's secret. */
export const mcpServerSchema = z.object({
  name: z.string().regex(/^[a-zA-Z0-9_-]{1,24}$/, 'must be 1-24 characters of a-z A-Z 0-9 _ -'),
  url: outboundUrl,
  headers: z.record(z.string().min(1).max(200), z.string().max(4_000)).nullable().optional(),
  allowedTools: z.array(z.string().min(1).max(200)).max(200).nullable().optional(),
  approval: approval.default('never'),
});
const approvalTimeoutSeconds = z.number().int().min(1).max(7 * 86_400);

const origin = z.string().regex(/^(\*|https?:\/\/[^/\s]+)$/, 'must be an origin like https://example.com or *');

export const agentCreateSchema = z.object({
  name: trimmed(200),
  prompt: promptSchema.default({ type: 'single', text: 'You are a helpful assistant.' }),
  llm: llmSchema.default({ provider: 'offline', model: 'offline' }),
  knowledgeBaseIds: z.array(objectId).max(20).default([]),
  memory: z.object({ enabled: z.boolean() }).default({ enabled: false }),
  supportCommands: supportCommandsSchema.default({ whisper: true, tell: true, takeover: true }),
  callEscalation: callEscalationSchema.default({ enabled: false }),
  escalationLadder: escalationLadderSchema.default({ enabled: false, waitSeconds: 60 }),
  dormantAfterSeconds: z.number().int().min(10).max(30 * 86_400).default(1800),
  greeting: z.string().max(2_000).default(''),
  // Optional rather than defaulted, so the service's callers need not list it; the model's default is [].
  fields: leadFieldsSchema.optional(),
  language: z.enum(CHAT_LANGUAGES).default('en'),
  allowedOrigins: z.array(origin).max(100).default([]),
  businessHours: businessHoursSchema.nullable().default(null),
  tools: z.array(agentToolSchema).max(20).default([]),
  mcpServers: z.array(mcpServerSchema).max(10).default([]),
  approvalTimeoutSeconds: approvalTimeoutSeconds.default(300),
});
export const agentPatchSchema = z
  .object({
    name: trimmed(200),
    prompt: promptSchema,
    llm: llmSchema,
    knowledgeBaseIds: z.array(objectId).max(20),
    memory: z.object({ enabled: z.boolean() }),
    supportCommands: supportCommandsSchema.partial(),
    callEscalation: callEscalationSchema.partial(),
    escalationLadder: z.object({ enabled: z.boolean(), waitSeconds: ladderWaitSeconds }).partial(),
    dormantAfterSeconds: z.number().int().min(10).max(30 * 86_400),
    greeting: z.string().max(2_000),
    fields: leadFieldsSchema,
    language: z.enum(CHAT_LANGUAGES),
    allowedOrigins: z.array(origin).max(100),
    businessHours: businessHoursSchema.nullable(),
    tools: z.array(agentToolSchema).max(20),
    mcpServers: z.array(mcpServerSchema).max(10),
    approvalTimeoutSeconds,
  })
  .partial()
  .strict();

export const customerIdSchema = trimmed(200);

/** A session's channel (SPEC §10): `web` is the widget's; integrators choose their own short name. */
export const channelSchema = z.string().regex(/^[a-z0-9_-]{1,32}$/, 'must be 1-32 lowercase letters, digits, _ or - (like sms or whatsapp)');
export const sessionCreateSchema = z.object({
  agentId: objectId,
  customerId: customerIdSchema,
  metadata: metadataSchema.optional(),
  /** Default `api`. */
  channel: channelSchema.optional(),
  /** `open`: answer the customer's open session for this agent and channel (200) if there is one, else create it (201). */
  reuse: z.literal('open').optional(),
});
/** `metadata` replaces the metadata; `fields` sets lead fields (null clears one), checked against the agent's fields. */
export const sessionPatchSchema = z
  .object({ metadata: metadataSchema.optional(), fields: leadValuesPatchSchema.optional() })
  .strict()
  .refine((p) => p.metadata !== undefined || p.fields !== undefined, 'send metadata, fields or both');

const boolString = z.enum(['true', 'false']).transform((v) => v === 'true');
export const sessionFiltersSchema = z.object({
  agentId: objectId.optional(),
  status: z.enum(['active', 'dormant', 'closed']).optional(),
  mode: z.enum(['ai', 'support']).optional(),
  customerId: customerIdSchema.optional(),
  customerIdPrefix: customerIdSchema.optional(),
  helpRequested: z.union([z.boolean(), boolString]).optional(),
  fieldsComplete: z.union([z.boolean(), boolString]).optional(),
  assignedTo: z.union([objectId, z.literal('none')]).optional(),
  awaitingReply: z.union([z.boolean(), boolString]).optional(),
  approvalPending: z.union([z.boolean(), boolString]).optional(),
  q: z.string().trim().min(1).max(200).optional(),
  order: z.literal('waiting').optional(),
  channel: channelSchema.optional(),
});
/** `GET /v1/chat/sessions/previews`: up to 200 session ids, comma-separated, and the log's word search. */
export const sessionPreviewsQuerySchema = z.object({
  ids: z
    .string()
    .max(200 * 25)
    .transform((v) => v.split(',').filter(Boolean))
    .pipe(z.array(z.string().regex(/^[a-f0-9]{24}$/i, 'is not an id')).max(200)),
  q: z.string().trim().max(200).optional(),
});
/** `POST /v1/chat/sessions/:id/read`: read up to `seq`. */
export const sessionReadSchema = z.object({ seq: z.number().int().min(0) });

export const sessionListQuerySchema = sessionFiltersSchema.extend({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

/** Makes a send safe to retry: the same id on the same session stores one message. */
const clientMessageId = z.string().min(1).max(100).optional();
export const messageSendSchema = z.object({
  content: z.string().trim().min(1, 'must not be empty'),
  clientMessageId,
});
export const widgetMessageSendSchema = z.object({
  content: z.string().trim().min(1, 'must not be empty'),
  clientMessageId: z.string().min(1).max(100),
});
export const messagesQuerySchema = z.object({
  afterSeq: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const messagesSinceSchema = z.object({ afterSeq: z.number().int().min(0) });

export const contextSchema = z.object({ content: trimmed(20_000), source: z.string().max(100).optional(), clientMessageId, respond: z.boolean().optional() });
export const whisperSchema = z.object({ content: z.string().trim().min(1), respond: z.boolean().optional(), clientMessageId });
export const tellSchema = z.object({ content: z.string().trim().min(1), clientMessageId });
export const helpRequestSchema = z.object({ reason: z.string().trim().max(500).optional() });
export const typingSchema = z.object({ active: z.boolean() });
export const sessionRefSchema = z.object({ sessionId: objectId });
export const phoneSchema = z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 phone number like +14155550123');
export const callAcceptSchema = z.object({ phone: phoneSchema });
export const callEventSchema = z.object({
  status: z.enum(['ringing', 'in_progress', 'completed', 'failed']),
  summary: z.string().max(20_000).optional(),
});

export const widgetAuthSchema = z.object({
  agentId: objectId,
  customerToken: z.string().min(10).max(500).optional(),
  customerId: customerIdSchema.optional(),
  customerHash: z.string().max(200).optional(),
  metadata: metadataSchema.optional(),
});
/** The widget's `metadata:update`: keys merged into the session's metadata (no dots or `$`: each key is one field). */
export const widgetMetadataUpdateSchema = z.object({
  metadata: z.record(z.string().min(1).max(200).regex(/^[^.$][^.]*$/, 'a key may not contain "." or start with "$"'), z.unknown()).refine((m) => Object.keys(m).length <= 50, 'at most 50 keys'),
});
export const operatorAuthSchema = z.object({ token: z.string().min(10).max(2_000) });
export const eventsAuthSchema = z.object({ apiKey: z.string().min(10).max(500) });
export const eventsSubscribeSchema = z.object({
  types: z.array(z.enum(DOMAIN_EVENT_TYPES)).optional(),
  agentIds: z.array(objectId).optional(),
  afterEventId: objectId.optional(),
});

export const loginSchema = z.object({ email: z.email().max(320), password: z.string().min(1).max(500) });
export const operatorCreateSchema = z.object({
  email: z.email().max(320),
  name: trimmed(200),
  password: z.string().min(8, 'must be at least 8 characters').max(500),
  role: z.enum(['admin', 'operator']).default('operator'),
});
export const operatorPatchSchema = z
  .object({
    name: trimmed(200),
    password: z.string().min(8, 'must be at least 8 characters').max(500),
    role: z.enum(['admin', 'operator']),
  })
  .partial()
  .strict();
export const mePatchSchema = z
  .object({ status: z.enum(['online', 'away']), name: trimmed(200), password: z.string().min(8).max(500) })
  .partial()
  .strict();

export const apiKeyCreateSchema = z.object({
  name: trimmed(200),
  /** Omitted: full rights (`admin`), as keys made before scopes existed. */
  scopes: z.array(z.enum(API_KEY_SCOPES)).min(1).max(API_KEY_SCOPES.length).optional(),
});
export const webhookCreateSchema = z.object({
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2_000),
  types: z.array(z.enum(DOMAIN_EVENT_TYPES)).min(1),
});
export const webhookDeliveriesQuerySchema = z.object({
  status: z.enum(['pending', 'succeeded', 'failed']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const knowledgeBaseCreateSchema = z.object({ name: trimmed(200), description: z.string().max(2_000).optional() });
export const documentCreateSchema = z.object({
  title: trimmed(500),
  content: z.string().min(1).max(2_000_000),
  format: z.enum(['text', 'markdown', 'html']).default('text'),
});

/** `PATCH /v1/knowledge-bases/:id/documents/:docId`: the document anew (it is re-split into passages). */
export const documentUpdateSchema = documentCreateSchema;
/** `GET /v1/knowledge-bases/:id/search?q=`: what the AI would find for a question. */
export const knowledgeSearchQuerySchema = z.object({ q: z.string().trim().min(1).max(1_000) });

export const assignSchema = z.object({ operatorId: objectId });
export const cannedReplyCreateSchema = z.object({
  shortcut: z.string().regex(CANNED_SHORTCUT_PATTERN, 'must look like /refund (a slash, then 1-40 of a-z 0-9 _ -)'),
  text: trimmed(4_000),
});
export const csatSchema = z.object({ rating: z.number().int().min(1).max(5), comment: z.string().trim().max(2_000).optional() });
export const transcriptQuerySchema = z.object({ format: z.enum(['text', 'html']).default('text') });

/** Deciding a tool call waiting for approval (REST bodies; the sockets add sessionId and toolCallId). */
export const toolApproveSchema = z.object({ arguments: z.record(z.string(), z.unknown()).optional() });
export const toolDenySchema = z.object({ reason: z.string().trim().max(1_000).optional() });
export const toolCallIdSchema = z.string().min(1).max(100);
export const toolTestSchema = z.object({ arguments: z.record(z.string(), z.unknown()).default({}) });
