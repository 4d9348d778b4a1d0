/**
 * Every REST operation, described once for the OpenAPI document and /v1/docs. Request
 * schemas are the very zod schemas the routes parse with; responses name DTO schemas.
 * Adding a route? Add it here too — the developers test calls every documented path.
 */
import { z } from 'zod';
import * as s from '../../../../../shared/src/schemas';
import * as d from '../../../../../shared/src/contract/dtos';
import * as ins from '../../../../../shared/src/contract/insights-dtos';
import * as insq from '../../../../../shared/src/insights-schemas';

export type HttpMethod = 'get' | 'post' | 'patch' | 'delete';
/** Who may call: `public` (no credential), `signed` (HMAC header), or bearer credentials. */
export type Access = 'public' | 'signed' | 'staff' | 'admin' | 'operator' | 'staffOrCustomer';

export interface ResponseSpec {
  description: string;
  schema?: z.ZodType;
  /** Also answers as server-sent events with `Accept: text/event-stream`. */
  sse?: boolean;
}

export interface Operation {
  method: HttpMethod;
  /** OpenAPI style: `/v1/agents/{id}`. */
  path: string;
  tag: string;
  summary: string;
  access: Access;
  body?: z.ZodType;
  query?: z.ZodObject;
  responses: Record<number, ResponseSpec>;
  /** Error statuses beyond the ones implied by access, parameters and body (400/401/403/404/429). */
  errors?: number[];
}

const obj = (shape: z.ZodRawShape) => z.object(shape);
const ok = (description: string, schema?: z.ZodType): Record<number, ResponseSpec> => ({ 200: { description, schema } });
const created = (description: string, schema: z.ZodType): Record<number, ResponseSpec> => ({ 201: { description, schema } });
const noContent: Record<number, ResponseSpec> = { 204: { description: 'done; no body' } };
const sessionEither = z.union([d.sessionDto, d.customerSessionDto]).describe('the staff view, or the customer view for a customer token');
const sessionRes = ok('the session', obj({ session: d.sessionDto }));
/** A staff message or context: 201 when stored, 200 for a retry with the same clientMessageId. */
const staffMessageRes: Record<number, ResponseSpec> = {
  200: { description: 'a repeated clientMessageId: the message stored the first time; nothing stored or announced again', schema: obj({ message: d.messageDto, duplicate: z.literal(true) }) },
  201: { description: 'the stored message', schema: obj({ message: d.messageDto, duplicate: z.literal(false) }) },
};

const sessionsBase = '/v1/chat/sessions';
const one = `${sessionsBase}/{id}`;

export const OPERATIONS: Operation[] = [
  // ------------------------------------------------------------ health
  { method: 'get', path: '/healthz', tag: 'health', summary: 'Liveness: 200 while the process lives', access: 'public', responses: ok('alive', obj({ ok: z.boolean() })) },
  { method: 'get', path: '/readyz', tag: 'health', summary: 'Readiness: 200 once the database answers and the process is not stopping, else 503', access: 'public', responses: ok('ready', obj({ ok: z.boolean() })), errors: [503] },
  { method: 'get', path: '/metrics', tag: 'health', summary: 'Prometheus metrics of this process (text format); off until METRICS_TOKEN is set, then only with `Authorization: Bearer <METRICS_TOKEN>`', access: 'public', responses: ok('the metrics'), errors: [401, 404] },
  { method: 'get', path: '/v1/openapi.json', tag: 'health', summary: 'This OpenAPI 3.1 document', access: 'public', responses: ok('the document', z.record(z.string(), z.unknown())) },

  // ------------------------------------------------------------ auth and staff
  { method: 'post', path: '/v1/auth/login', tag: 'auth', summary: 'Operator login (rate-limited per IP and per email)', access: 'public', body: s.loginSchema, responses: ok('a login token and the operator', obj({ token: z.string(), operator: d.operatorDto })), errors: [429] },
  { method: 'get', path: '/v1/auth/me', tag: 'auth', summary: 'The operator behind a login token', access: 'operator', responses: ok('the operator', obj({ operator: d.operatorDto })) },
  { method: 'patch', path: '/v1/auth/me', tag: 'auth', summary: 'Set my status (online/away), name or password', access: 'operator', body: s.mePatchSchema, responses: ok('the operator', obj({ operator: d.operatorDto })) },
  { method: 'post', path: '/v1/operators', tag: 'operators', summary: 'Create a staff account', access: 'admin', body: s.operatorCreateSchema, responses: created('the operator', obj({ operator: d.operatorDto })), errors: [409] },
  { method: 'get', path: '/v1/operators', tag: 'operators', summary: 'List staff accounts', access: 'staff', responses: ok('operators', obj({ operators: z.array(d.operatorDto) })) },
  { method: 'patch', path: '/v1/operators/{id}', tag: 'operators', summary: 'Change name, password or role', access: 'admin', body: s.operatorPatchSchema, responses: ok('the operator', obj({ operator: d.operatorDto })) },
  { method: 'delete', path: '/v1/operators/{id}', tag: 'operators', summary: 'Delete a staff account (its tokens stop working)', access: 'admin', responses: noContent },

  // ------------------------------------------------------------ developer access
  { method: 'post', path: '/v1/api-keys', tag: 'api-keys', summary: 'Create an API key (the key is shown once)', access: 'admin', body: s.apiKeyCreateSchema, responses: created('the key record and the key itself', obj({ apiKey: d.apiKeyDto, key: z.string() })) },
  { method: 'get', path: '/v1/api-keys', tag: 'api-keys', summary: 'List API keys (prefixes only)', access: 'admin', responses: ok('keys', obj({ apiKeys: z.array(d.apiKeyDto) })) },
  { method: 'delete', path: '/v1/api-keys/{id}', tag: 'api-keys', summary: 'Revoke a key: REST and live /events sockets stop at once', access: 'admin', responses: noContent },
  { method: 'post', path: '/v1/webhooks', tag: 'webhooks', summary: 'Register a webhook (the signing secret is shown once)', access: 'admin', body: s.webhookCreateSchema, responses: created('the webhook and its signing secret', obj({ webhook: d.webhookDto, secret: z.string().describe('whsec_… — the HMAC key of both signatures (its UTF-8 bytes)'), standardWebhooksSecret: z.string().describe('the same key as Standard Webhooks libraries take it: whsec_ + base64 of the secret’s UTF-8 bytes') })) },
  { method: 'get', path: '/v1/webhooks', tag: 'webhooks', summary: 'List webhooks', access: 'admin', responses: ok('webhooks', obj({ webhooks: z.array(d.webhookDto) })) },
  { method: 'delete', path: '/v1/webhooks/{id}', tag: 'webhooks', summary: 'Delete a webhook and its pending deliveries', access: 'admin', responses: noContent },
  { method: 'get', path: '/v1/webhooks/{id}/deliveries', tag: 'webhooks', summary: 'Delivery log, newest first, with every attempt', access: 'admin', query: s.webhookDeliveriesQuerySchema, responses: ok('deliveries', obj({ deliveries: z.array(d.webhookDeliveryDto) })) },

  // ------------------------------------------------------------ configuration
  { method: 'post', path: '/v1/agents', tag: 'agents', summary: 'Create an agent', access: 'admin', body: s.agentCreateSchema, responses: created('the agent', obj({ agent: d.agentDto })) },
  { method: 'get', path: '/v1/agents', tag: 'agents', summary: 'List agents', access: 'staff', responses: ok('agents', obj({ agents: z.array(d.agentDto) })) },
  { method: 'get', path: '/v1/agents/{id}', tag: 'agents', summary: 'One agent', access: 'staff', responses: ok('the agent', obj({ agent: d.agentDto })) },
  { method: 'patch', path: '/v1/agents/{id}', tag: 'agents', summary: 'Change an agent (only the fields sent)', access: 'admin', body: s.agentPatchSchema, responses: ok('the agent', obj({ agent: d.agentDto })) },
  { method: 'delete', path: '/v1/agents/{id}', tag: 'agents', summary: 'Delete an agent', access: 'admin', responses: noContent },
  { method: 'get', path: '/v1/agents/{id}/identity-secret', tag: 'agents', summary: "The agent's identity secret: `data-customer-hash` is the hex HMAC-SHA256 of the customer id with it", access: 'admin', responses: ok('the secret', obj({ identitySecret: z.string() })) },
  { method: 'post', path: '/v1/agents/{id}/identity-secret', tag: 'agents', summary: 'Rotate the identity secret (hashes made with the old one stop verifying)', access: 'admin', responses: ok('the new secret', obj({ identitySecret: z.string() })) },
  { method: 'post', path: '/v1/agents/{id}/tools/{name}/test', tag: 'tools', summary: 'Call one of the agent’s tools with sample arguments (checked against its parameters); nothing is stored', access: 'admin', body: s.toolTestSchema, responses: ok('how the call went', obj({ ok: z.boolean(), status: z.number().int().nullable(), durationMs: z.number(), result: z.unknown().describe('the answer (parsed JSON) when ok, else why it failed') })) },
  { method: 'post', path: '/v1/agents/{id}/mcp-servers/refresh', tag: 'tools', summary: 'List the tools of the agent’s MCP servers again (a server that fails keeps none and says why in `error`)', access: 'admin', responses: ok('the agent', obj({ agent: d.agentDto })) },
  { method: 'post', path: '/v1/knowledge-bases', tag: 'knowledge', summary: 'Create a knowledge base', access: 'admin', body: s.knowledgeBaseCreateSchema, responses: created('the knowledge base', obj({ knowledgeBase: d.knowledgeBaseDto })) },
  { method: 'get', path: '/v1/knowledge-bases', tag: 'knowledge', summary: 'List knowledge bases', access: 'staff', responses: ok('knowledge bases', obj({ knowledgeBases: z.array(d.knowledgeBaseDto) })) },
  { method: 'get', path: '/v1/knowledge-bases/{id}/documents', tag: 'knowledge', summary: 'List a knowledge base’s documents', access: 'staff', responses: ok('documents', obj({ documents: z.array(d.knowledgeDocumentDetailDto) })) },
  { method: 'patch', path: '/v1/knowledge-bases/{id}/documents/{docId}', tag: 'knowledge', summary: 'Replace a document (re-split into passages)', access: 'admin', body: s.documentUpdateSchema, responses: ok('the document', obj({ document: d.knowledgeDocumentDetailDto })), errors: [413] },
  { method: 'delete', path: '/v1/knowledge-bases/{id}/documents/{docId}', tag: 'knowledge', summary: 'Delete a document', access: 'admin', responses: noContent },
  { method: 'get', path: '/v1/knowledge-bases/{id}/search', tag: 'knowledge', summary: 'What the AI would find for a question (the passages a reply is given)', access: 'staff', query: s.knowledgeSearchQuerySchema, responses: ok('passages, best first', obj({ passages: z.array(obj({ title: z.string(), text: z.string(), documentId: z.string().optional() })) })) },
  { method: 'post', path: '/v1/knowledge-bases/{id}/documents', tag: 'knowledge', summary: 'Add a document (split into searchable passages)', access: 'admin', body: s.documentCreateSchema, responses: created('the document', obj({ document: d.knowledgeDocumentDto })), errors: [413] },
  { method: 'get', path: '/v1/customers/{customerId}/memory', tag: 'customers', summary: 'What the agents remember of a customer', access: 'staff', responses: ok('summaries', obj({ memories: z.array(d.customerMemoryDto) })) },
  { method: 'get', path: '/v1/customers/{customerId}/export', tag: 'customers', summary: 'Everything kept about a customer, across every agent (data access requests)', access: 'admin', responses: ok('the sessions with their messages and calls, and the memories', d.customerExportDto) },
  { method: 'delete', path: '/v1/customers/{customerId}', tag: 'customers', summary: 'Erase a customer: every session, message, file and call, the logs about them, and the memory', access: 'admin', responses: ok('what was erased', obj({ erased: d.customerErasureDto })) },
  { method: 'delete', path: '/v1/customers/{customerId}/memory', tag: 'customers', summary: 'Erase a customer’s memory', access: 'admin', responses: ok('how many summaries were erased', obj({ erased: z.number().int() })) },

  // ------------------------------------------------------------ chat sessions
  {
    method: 'post',
    path: sessionsBase,
    tag: 'sessions',
    summary: 'Start a session for a customer (`channel`: `sms`, `whatsapp`, …); with `reuse: "open"`, find or create: the customer’s open session for the agent and channel (200), else a new one (201) — one, however many calls race',
    access: 'staff',
    body: s.sessionCreateSchema,
    responses: {
      ...created('a new session and its customer token', obj({ session: d.sessionDto, customerToken: z.string(), reused: z.literal(false).optional().describe('with `reuse` only') })),
      ...ok('`reuse: "open"` found the customer’s open session (no customer token: only its hash is kept)', obj({ session: d.sessionDto, reused: z.literal(true) })),
    },
    errors: [429],
  },
  { method: 'get', path: sessionsBase, tag: 'sessions', summary: 'The session log, newest first, with a cursor', access: 'staff', query: s.sessionListQuerySchema, responses: ok('a page', obj({ sessions: z.array(d.sessionDto), nextCursor: z.string().nullable() })) },
  { method: 'get', path: `${sessionsBase}/stats`, tag: 'sessions', summary: 'Counts for the same filters as the log', access: 'staff', query: s.sessionFiltersSchema, responses: ok('counts', d.sessionStatsDto) },
  { method: 'get', path: `${sessionsBase}/previews`, tag: 'sessions', summary: 'The log as an inbox: each session’s last message, a word-search snippet, and unread customer messages for the asking operator', access: 'staff', query: s.sessionPreviewsQuerySchema, responses: ok('one preview per id', obj({ previews: z.array(d.sessionPreviewDto) })) },
  { method: 'post', path: `${one}/read`, tag: 'sessions', summary: 'Mark the session read up to `seq` for the asking operator (unread counts)', access: 'staff', body: s.sessionReadSchema, responses: noContent },
  { method: 'get', path: one, tag: 'sessions', summary: 'One session', access: 'staffOrCustomer', responses: ok('the session', obj({ session: sessionEither })) },
  { method: 'patch', path: one, tag: 'sessions', summary: 'Replace the session’s metadata and/or set lead fields (`fields: {key: value}`, null clears; each checked against the agent’s fields)', access: 'staff', body: s.sessionPatchSchema, responses: sessionRes },
  { method: 'get', path: `${one}/messages`, tag: 'messages', summary: 'History, oldest first (customers never see whispers or context)', access: 'staffOrCustomer', query: s.messagesQuerySchema, responses: ok('messages', obj({ messages: z.array(d.messageDto) })) },
  {
    method: 'post',
    path: `${one}/messages`,
    tag: 'messages',
    summary: 'Send a customer message; the AI reply comes back whole, or streamed as server-sent events',
    access: 'staffOrCustomer',
    body: s.messageSendSchema,
    responses: {
      200: { description: 'a duplicate clientMessageId: the stored message, no new reply', schema: obj({ message: d.messageDto, reply: d.messageDto.nullable(), duplicate: z.literal(true) }) },
      201: { description: 'the message and the AI reply (null in support mode)', schema: obj({ message: d.messageDto, reply: d.messageDto.nullable(), duplicate: z.boolean() }), sse: true },
    },
    errors: [409, 413, 429, 502],
  },
  { method: 'post', path: `${one}/context`, tag: 'messages', summary: 'Inject context the AI sees and the customer does not', access: 'staff', body: s.contextSchema, responses: staffMessageRes, errors: [409] },
  { method: 'post', path: `${one}/help`, tag: 'support', summary: 'Flag help requested', access: 'staffOrCustomer', body: s.helpRequestSchema, responses: ok('the session', obj({ session: sessionEither })) },
  { method: 'delete', path: `${one}/help`, tag: 'support', summary: 'Resolve help requested', access: 'staff', responses: sessionRes },
  { method: 'post', path: `${one}/close`, tag: 'sessions', summary: 'Close the session (no new messages afterwards)', access: 'staffOrCustomer', responses: ok('the session', obj({ session: sessionEither })) },
  { method: 'post', path: `${one}/whisper`, tag: 'support', summary: 'Private guidance to the AI (respond: true makes it answer now)', access: 'staff', body: s.whisperSchema, responses: staffMessageRes, errors: [409] },
  { method: 'post', path: `${one}/tell`, tag: 'support', summary: 'A message from staff straight to the customer', access: 'staff', body: s.tellSchema, responses: staffMessageRes, errors: [409] },
  { method: 'post', path: `${one}/takeover`, tag: 'support', summary: 'Mode → support; a streaming AI reply is cut off', access: 'staff', responses: sessionRes, errors: [409] },
  { method: 'post', path: `${one}/release`, tag: 'support', summary: 'Mode → ai; the AI answers again', access: 'staff', responses: sessionRes, errors: [409] },
  { method: 'post', path: `${one}/tool-calls/{toolCallId}/approve`, tag: 'tools', summary: 'Approve a tool call waiting for approval, optionally with edited arguments (checked again); the tool runs and the AI replies', access: 'staff', body: s.toolApproveSchema, responses: ok('the tool message, now running', obj({ message: d.messageDto })), errors: [409] },
  { method: 'post', path: `${one}/tool-calls/{toolCallId}/deny`, tag: 'tools', summary: 'Deny a tool call waiting for approval; the AI is given the reason and replies', access: 'staff', body: s.toolDenySchema, responses: ok('the tool message, denied', obj({ message: d.messageDto })), errors: [409] },
  { method: 'post', path: `${one}/calls`, tag: 'calls', summary: 'Escalate to a phone call', access: 'staff', body: s.callAcceptSchema, responses: created('the call', obj({ call: d.callDto })), errors: [409] },
  { method: 'post', path: '/v1/calls/{callId}/events', tag: 'calls', summary: 'Voice platform callback (a timestamped HMAC-SHA256 signature; stale and replayed reports are refused)', access: 'signed', body: s.callEventSchema, responses: ok('the call', obj({ call: d.callDto })) },

  // ------------------------------------------------------------ support desk (docs/support-desk.md)
  { method: 'post', path: `${one}/assign`, tag: 'support desk', summary: 'Hand the session to another operator (admins, or the operator who owns it)', access: 'staff', body: s.assignSchema, responses: sessionRes, errors: [409] },
  { method: 'post', path: '/v1/agents/{id}/canned-replies', tag: 'support desk', summary: 'Save a canned reply (`/shortcut`, unique per agent); `{{metadata.field}}` is filled when inserted', access: 'staff', body: s.cannedReplyCreateSchema, responses: created('the canned reply', obj({ cannedReply: d.cannedReplyDto })), errors: [409] },
  { method: 'get', path: '/v1/agents/{id}/canned-replies', tag: 'support desk', summary: "The agent's canned replies", access: 'staff', responses: ok('canned replies', obj({ cannedReplies: z.array(d.cannedReplyDto) })) },
  { method: 'delete', path: '/v1/agents/{id}/canned-replies/{replyId}', tag: 'support desk', summary: 'Delete a canned reply', access: 'staff', responses: noContent },
  { method: 'get', path: `${one}/canned-replies/{replyId}/render`, tag: 'support desk', summary: "A canned reply's text filled from this session's metadata", access: 'staff', responses: ok('the rendered text', obj({ reply: d.cannedReplyDto, text: z.string() })) },
  { method: 'post', path: `${one}/attachments`, tag: 'support desk', summary: 'Upload a file (multipart/form-data field `file`); the type is checked from its bytes', access: 'staffOrCustomer', responses: created('the attachment and the message carrying it', obj({ attachment: d.attachmentDto, message: d.messageDto })), errors: [409, 413, 415] },
  { method: 'get', path: '/v1/attachments/{id}', tag: 'support desk', summary: 'Download a file (staff, or the customer token of its session); nosniff, never HTML', access: 'staffOrCustomer', responses: ok('the file bytes with its Content-Type and Content-Disposition', z.string()) },
  { method: 'post', path: `${one}/csat`, tag: 'support desk', summary: 'Rate the session 1–5 with an optional comment (once)', access: 'staffOrCustomer', body: s.csatSchema, responses: created('the session', obj({ session: sessionEither })), errors: [409] },
  { method: 'get', path: `${one}/transcript`, tag: 'support desk', summary: 'The customer-visible conversation as a text or HTML download', access: 'staffOrCustomer', query: s.transcriptQuerySchema, responses: ok('the transcript (text/plain or text/html)', z.string()) },

  // ------------------------------------------------------------ insights (docs/insights.md)
  { method: 'get', path: '/v1/insights', tag: 'insights', summary: 'Outcomes per UTC day (from/to included, default the last 30 days) and per agent: conversations, AI-resolved, handed off, handoff rate, median first human reply and wait, CSAT AI-only vs human-touched; and the changes (knowledge documents, accepted prompt suggestions) with the handoff rate before and after', access: 'staff', query: insq.insightsQuerySchema, responses: ok('the report', ins.insightsReportDto) },
  { method: 'get', path: '/v1/insights/handoffs', tag: 'insights', summary: 'Handed-off conversations, newest first, grouped by help reason, each with the customer’s question and what the person answered', access: 'staff', query: insq.handoffsQuerySchema, responses: ok('groups', obj({ groups: z.array(ins.handoffGroupDto) })) },
  { method: 'get', path: '/v1/insights/prompt-suggestions', tag: 'insights', summary: 'Prompt changes suggested from handoffs, newest first', access: 'staff', query: insq.promptSuggestionsQuerySchema, responses: ok('suggestions', obj({ suggestions: z.array(ins.promptSuggestionDto) })) },
  { method: 'post', path: '/v1/insights/prompt-suggestions', tag: 'insights', summary: 'Suggest an addition to an agent’s prompt (for its admin to accept or dismiss)', access: 'staff', body: insq.promptSuggestionCreateSchema, responses: created('the suggestion', obj({ suggestion: ins.promptSuggestionDto })) },
  { method: 'post', path: '/v1/insights/prompt-suggestions/{id}/accept', tag: 'insights', summary: 'Accept (optionally with edited text): the text is added to the agent’s prompt as a new paragraph (a multi-state prompt: its start state’s)', access: 'admin', body: insq.promptSuggestionAcceptSchema, responses: ok('the suggestion and the agent', ins.acceptedSuggestionDto), errors: [409] },
  { method: 'post', path: '/v1/insights/prompt-suggestions/{id}/dismiss', tag: 'insights', summary: 'Dismiss a suggestion', access: 'admin', responses: ok('the suggestion', obj({ suggestion: ins.promptSuggestionDto })), errors: [409] },

  // ------------------------------------------------------------ webhook retry (docs/support-desk.md)
  { method: 'post', path: '/v1/webhooks/{id}/deliveries/{deliveryId}/retry', tag: 'webhooks', summary: 'Send a failed delivery once more, now (409 `conflict` unless it has failed: two clicks queue it once)', access: 'admin', responses: ok('the delivery, pending again', obj({ delivery: d.webhookDeliveryDto })), errors: [409] },
];
