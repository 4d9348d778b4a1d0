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
import type { Operation, ResponseSpec } from '../../../../../shared/src/contract/operation';

export type { Access, HttpMethod, Operation, ResponseSpec } from '../../../../../shared/src/contract/operation';


const obj = (shape: z.ZodRawShape) => z.object(shape);
const ok = (description: string, schema?: z.ZodType): Record<number, ResponseSpec> => ({ 200: { description, schema } });
const created = (description: string, schema: z.ZodType): Record<number, ResponseSpec> => ({ 201: { description, schema } });
const noContent: Record<number, ResponseSpec> = { 204: { description: 'done; no body' } };

const one = `/v1/chat/sessions/{id}`;

export const OPERATIONS: Operation[] = [
  // ------------------------------------------------------------ health

  // ------------------------------------------------------------ auth and staff

  // ------------------------------------------------------------ developer access
  { method: 'post', path: '/v1/api-keys', tag: 'api-keys', summary: 'Create an API key (the key is shown once)', access: 'admin', body: s.apiKeyCreateSchema, responses: created('the key record and the key itself', obj({ apiKey: d.apiKeyDto, key: z.string() })) },
  { method: 'get', path: '/v1/api-keys', tag: 'api-keys', summary: 'List API keys (prefixes only)', access: 'admin', responses: ok('keys', obj({ apiKeys: z.array(d.apiKeyDto) })) },
  { method: 'delete', path: '/v1/api-keys/{id}', tag: 'api-keys', summary: 'Revoke a key: REST and live /events sockets stop at once', access: 'admin', responses: noContent },
  { method: 'post', path: '/v1/webhooks', tag: 'webhooks', summary: 'Register a webhook (the signing secret is shown once)', access: 'admin', body: s.webhookCreateSchema, responses: created('the webhook and its signing secret', obj({ webhook: d.webhookDto, secret: z.string().describe('whsec_… — the HMAC key of both signatures (its UTF-8 bytes)'), standardWebhooksSecret: z.string().describe('the same key as Standard Webhooks libraries take it: whsec_ + base64 of the secret’s UTF-8 bytes') })) },
  { method: 'get', path: '/v1/webhooks', tag: 'webhooks', summary: 'List webhooks', access: 'admin', responses: ok('webhooks', obj({ webhooks: z.array(d.webhookDto) })) },
  { method: 'delete', path: '/v1/webhooks/{id}', tag: 'webhooks', summary: 'Delete a webhook and its pending deliveries', access: 'admin', responses: noContent },
  { method: 'get', path: '/v1/webhooks/{id}/deliveries', tag: 'webhooks', summary: 'Delivery log, newest first, with every attempt', access: 'admin', query: s.webhookDeliveriesQuerySchema, responses: ok('deliveries', obj({ deliveries: z.array(d.webhookDeliveryDto) })) },

  // ------------------------------------------------------------ configuration
  { method: 'post', path: '/v1/agents/{id}/tools/{name}/test', tag: 'tools', summary: 'Call one of the agent’s tools with sample arguments (checked against its parameters); nothing is stored', access: 'admin', body: s.toolTestSchema, responses: ok('how the call went', obj({ ok: z.boolean(), status: z.number().int().nullable(), durationMs: z.number(), result: z.unknown().describe('the answer (parsed JSON) when ok, else why it failed') })) },
  { method: 'post', path: '/v1/agents/{id}/mcp-servers/refresh', tag: 'tools', summary: 'List the tools of the agent’s MCP servers again (a server that fails keeps none and says why in `error`)', access: 'admin', responses: ok('the agent', obj({ agent: d.agentDto })) },
  { method: 'post', path: '/v1/knowledge-bases', tag: 'knowledge', summary: 'Create a knowledge base', access: 'admin', body: s.knowledgeBaseCreateSchema, responses: created('the knowledge base', obj({ knowledgeBase: d.knowledgeBaseDto })) },
  { method: 'get', path: '/v1/knowledge-bases', tag: 'knowledge', summary: 'List knowledge bases', access: 'staff', responses: ok('knowledge bases', obj({ knowledgeBases: z.array(d.knowledgeBaseDto) })) },
  { method: 'get', path: '/v1/knowledge-bases/{id}/documents', tag: 'knowledge', summary: 'List a knowledge base’s documents', access: 'staff', responses: ok('documents', obj({ documents: z.array(d.knowledgeDocumentDetailDto) })) },
  { method: 'patch', path: '/v1/knowledge-bases/{id}/documents/{docId}', tag: 'knowledge', summary: 'Replace a document (re-split into passages)', access: 'admin', body: s.documentUpdateSchema, responses: ok('the document', obj({ document: d.knowledgeDocumentDetailDto })), errors: [413] },
  { method: 'delete', path: '/v1/knowledge-bases/{id}/documents/{docId}', tag: 'knowledge', summary: 'Delete a document', access: 'admin', responses: noContent },
  { method: 'get', path: '/v1/knowledge-bases/{id}/search', tag: 'knowledge', summary: 'What the AI would find for a question (the passages a reply is given)', access: 'staff', query: s.knowledgeSearchQuerySchema, responses: ok('passages, best first', obj({ passages: z.array(obj({ title: z.string(), text: z.string(), documentId: z.string().optional() })) })) },
  { method: 'post', path: '/v1/knowledge-bases/{id}/documents', tag: 'knowledge', summary: 'Add a document (split into searchable passages)', access: 'admin', body: s.documentCreateSchema, responses: created('the document', obj({ document: d.knowledgeDocumentDto })), errors: [413] },

  { method: 'post', path: `${one}/tool-calls/{toolCallId}/approve`, tag: 'tools', summary: 'Approve a tool call waiting for approval, optionally with edited arguments (checked again); the tool runs and the AI replies', access: 'staff', body: s.toolApproveSchema, responses: ok('the tool message, now running', obj({ message: d.messageDto })), errors: [409] },
  { method: 'post', path: `${one}/tool-calls/{toolCallId}/deny`, tag: 'tools', summary: 'Deny a tool call waiting for approval; the AI is given the reason and replies', access: 'staff', body: s.toolDenySchema, responses: ok('the tool message, denied', obj({ message: d.messageDto })), errors: [409] },
  { method: 'post', path: `${one}/calls`, tag: 'calls', summary: 'Escalate to a phone call', access: 'staff', body: s.callAcceptSchema, responses: created('the call', obj({ call: d.callDto })), errors: [409] },
  { method: 'post', path: '/v1/calls/{callId}/events', tag: 'calls', summary: 'Voice platform callback (a timestamped HMAC-SHA256 signature; stale and replayed reports are refused)', access: 'signed', body: s.callEventSchema, responses: ok('the call', obj({ call: d.callDto })) },

  // ------------------------------------------------------------ support desk (docs/support-desk.md)
  { method: 'post', path: '/v1/agents/{id}/canned-replies', tag: 'support desk', summary: 'Save a canned reply (`/shortcut`, unique per agent); `{{metadata.field}}` is filled when inserted', access: 'staff', body: s.cannedReplyCreateSchema, responses: created('the canned reply', obj({ cannedReply: d.cannedReplyDto })), errors: [409] },
  { method: 'get', path: '/v1/agents/{id}/canned-replies', tag: 'support desk', summary: "The agent's canned replies", access: 'staff', responses: ok('canned replies', obj({ cannedReplies: z.array(d.cannedReplyDto) })) },
  { method: 'delete', path: '/v1/agents/{id}/canned-replies/{replyId}', tag: 'support desk', summary: 'Delete a canned reply', access: 'staff', responses: noContent },
  { method: 'post', path: `${one}/attachments`, tag: 'support desk', summary: 'Upload a file (multipart/form-data field `file`); the type is checked from its bytes', access: 'staffOrCustomer', responses: created('the attachment and the message carrying it', obj({ attachment: d.attachmentDto, message: d.messageDto })), errors: [409, 413, 415] },
  { method: 'get', path: '/v1/attachments/{id}', tag: 'support desk', summary: 'Download a file (staff, or the customer token of its session); nosniff, never HTML', access: 'staffOrCustomer', responses: ok('the file bytes with its Content-Type and Content-Disposition', z.string()) },

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
