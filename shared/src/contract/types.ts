/**
 * Every wire type (DTO: string ids, ISO dates, never mongoose documents) in one place. Each one
 * with a zod schema is inferred from it (contract/dtos.ts, insights-dtos.ts, ../schemas.ts), so
 * the type is what the OpenAPI document says; the few with no schema (socket-only shapes) are
 * written here. Type-only but for the zod-free vocabulary, so the widget may import it.
 */
import type { z } from 'zod';
import type * as d from './dtos';
import type * as ins from './insights-dtos';
import type * as s from '../schemas';
import type { ChatLanguage } from '../languages';
import type { DomainEventType } from './vocabulary';

export * from './vocabulary';
export type {
  AgentDto,
  SessionDto,
  CustomerSessionDto,
  MessageDto,
  OperatorDto,
  ApiKeyDto,
  WebhookDto,
  WebhookDeliveryDto,
  CallDto,
  KnowledgeBaseDto,
  KnowledgeDocumentDto,
  CustomerMemoryDto,
  CustomerExportDto,
  CustomerErasureDto,
  CannedReplyDto,
} from './dtos';
export type { InsightsReport, HandoffGroup, PromptSuggestionDto } from './insights-dtos';

// ---------------------------------------------------------------- sessions
export type SessionStatus = d.SessionDto['status'];
export type SessionMode = d.SessionDto['mode'];
/** Why a session was erased: its customer's erasure (`DELETE /v1/customers/:id`), or RETENTION_DAYS. */
export type SessionErasureReason = 'customer_request' | 'retention';
export type CsatDto = NonNullable<d.SessionDto['csat']>;
/** The session log's filters (REST query and the console's socket), as parsed. */
export type SessionFilters = z.infer<typeof s.sessionFiltersSchema>;
/** One page of the session log (`GET /v1/chat/sessions`). */
export interface SessionPage {
  sessions: d.SessionDto[];
  nextCursor: string | null;
}
/** One row of the session log as an inbox (`GET /v1/chat/sessions/previews`). */
export type SessionPreviewDto = z.infer<typeof d.sessionPreviewDto>;
/** The REST `/stats` answer is `sessionStatsDto`; the socket's `stats` adds `facets`. */
export type SessionStats = z.infer<typeof d.sessionStatsDto> & {
  /** The stat cards' counts, each under every filter but its own (the status, help, awaiting and approval filters); socket `stats` only. */
  facets?: SessionFacets;
};
/** Counts for the console's stat cards (see SessionStats.facets). */
export type SessionFacets = Pick<z.infer<typeof d.sessionStatsDto>, 'total' | 'active' | 'dormant' | 'closed' | 'helpRequested' | 'awaitingReply' | 'approvalPending'>;

// ---------------------------------------------------------------- messages
export type MessageRole = d.MessageDto['role'];
export type MessageStatus = NonNullable<d.MessageDto['status']>;
/**
 * Why an agent reply ended other than `complete`: a person took over, the model failed, the
 * server shut down, or the process generating it stopped (settled by another process).
 */
export type ReplyEndReason = NonNullable<d.MessageDto['endReason']>;
export type MessageAuthor = NonNullable<d.MessageDto['author']>;
/** A file sent in a chat; `url` needs a credential that may read the session. */
export type AttachmentDto = z.infer<typeof d.attachmentDto>;
/** One tool call of the AI, carried by a staff-only message of role `tool` (its `content` is the tool's name). */
export type ToolCallDto = z.infer<typeof d.toolCallDto>;
export type ToolCallStatus = ToolCallDto['status'];
/** The AI's state as the widget and console show it (socket only). */
export type AiState = 'thinking' | 'streaming' | 'idle';

// ---------------------------------------------------------------- agents
export type SinglePrompt = z.infer<typeof s.singlePromptSchema>;
export type MultiPrompt = z.infer<typeof s.multiPromptSchema>;
export type PromptState = MultiPrompt['states'][number];
export type PromptTransition = PromptState['transitions'][number];
export type AgentPrompt = z.infer<typeof s.promptSchema>;
/** The agent's model; `hasApiKey` instead of the write-only key, `modelIssue` when it cannot answer as configured. */
export type LlmConfig = d.AgentDto['llm'];
export type SupportCommands = z.infer<typeof s.supportCommandsSchema>;
export type SupportCommand = keyof SupportCommands;
/** Only ever `hasSecret` on the wire: the secret itself is write-only. */
export type CallEscalationDto = d.AgentDto['callEscalation'];
/**
 * When help was requested and no operator has taken over within `waitSeconds` (or at once
 * when no operator is online), the AI tells the customer so and offers a call if it can.
 */
export type EscalationLadderDto = d.AgentDto['escalationLadder'];
/** An HTTP tool of an agent (SPEC §8). Its `secret` is write-only: answers say `hasSecret`. */
export type AgentToolDto = d.AgentDto['tools'][number];
export type ToolApproval = AgentToolDto['approval'];
/** An MCP server (streamable HTTP) whose tools an agent may call. `headers` are write-only. */
export type McpServerDto = d.AgentDto['mcpServers'][number];
/** What a visitor's widget learns about the agent it talks to (socket only). */
export interface PublicAgentDto {
  id: string;
  name: string;
  greeting: string;
  /** The agent's language: the widget speaks it to visitors whose browser asks for none it has. */
  language: ChatLanguage;
}

// ---------------------------------------------------------------- lead fields (SPEC §9)
/** One thing an agent captures about its customers: the model saves it with `save_fields`. */
export type LeadFieldDto = z.infer<typeof d.leadFieldDto>;
export type LeadFieldType = LeadFieldDto['type'];
export type LeadFieldValue = d.SessionDto['fields'][string];
/** A captured value with its field's label (transcripts, exports); the key as label once the agent no longer has the field. */
export type CapturedFieldDto = d.CustomerExportDto['sessions'][number]['fields'][number];
/** A pre-chat field as a customer's widget sees it: what to ask, nothing staff-only. */
export type PrechatFieldDto = NonNullable<d.CustomerSessionDto['prechat']>[number];

// ---------------------------------------------------------------- operators, calls, events, webhooks
export type OperatorRole = d.OperatorDto['role'];
export type OperatorStatus = d.OperatorDto['status'];
export type CallStatus = d.CallDto['status'];
/** What `/events` subscribers and webhooks receive (`eventEnvelopeDto`, with a typed `data`). */
export type EventEnvelope<T = unknown> = Omit<z.infer<typeof d.eventEnvelopeDto>, 'type' | 'data'> & { type: DomainEventType; data: T };
export type WebhookDeliveryStatus = d.WebhookDeliveryDto['status'];
/** One try at delivering an event: the HTTP status, or the network error, and how long it took. */
export type WebhookAttemptDto = d.WebhookDeliveryDto['attempts'][number];

// ---------------------------------------------------------------- insights (SPEC §10, docs/insights.md)
/** The outcome figures of a set of conversations (one day, one agent, or a whole range). */
export type InsightsFigures = z.infer<typeof ins.insightsFiguresDto>;
export type InsightsDay = ins.InsightsReport['days'][number];
/** A change that should move the handoff rate: a knowledge-base document added, or a prompt suggestion accepted. */
export type InsightsChange = ins.InsightsReport['changes'][number];
/** One handed-off conversation and what the person said in it. */
export type HandoffItem = ins.HandoffGroup['items'][number];
export type PromptSuggestionStatus = ins.PromptSuggestionDto['status'];
