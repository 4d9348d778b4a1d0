/** Wire shapes (DTOs): string ids, ISO dates. Never mongoose documents. */
import type { ChatLanguage } from './languages';

export type { AttachmentDto, CannedReplyDto, CsatDto } from './desk-dto';
/** The response shapes are inferred from their zod schemas in the REST contract. */
import type { SessionDto } from './contract/dtos';
export type { AgentDto, SessionDto, CustomerSessionDto, MessageDto, OperatorDto, ApiKeyDto, WebhookDto, WebhookDeliveryDto, CallDto, KnowledgeBaseDto, KnowledgeDocumentDto, CustomerMemoryDto, CustomerExportDto, CustomerErasureDto } from './contract/dtos';

export type SessionStatus = 'active' | 'dormant' | 'closed';
/** Why a session was erased: its customer's erasure (`DELETE /v1/customers/:id`), or RETENTION_DAYS. */
export type SessionErasureReason = 'customer_request' | 'retention';
export type SessionMode = 'ai' | 'support';
export type MessageRole = 'customer' | 'agent' | 'operator' | 'whisper' | 'context' | 'system' | 'tool';
export type MessageStatus = 'streaming' | 'complete' | 'interrupted' | 'failed';
/**
 * Why an agent reply ended other than `complete`: a person took over, the model failed, the
 * server shut down, or the process generating it stopped (settled by another process).
 */
export type ReplyEndReason = 'takeover' | 'model_error' | 'shutdown' | 'process_stopped' | 'erased';
export type OperatorRole = 'admin' | 'operator';
export type OperatorStatus = 'online' | 'away';
export type SupportCommand = 'whisper' | 'tell' | 'takeover';
export type AiState = 'thinking' | 'streaming' | 'idle';
export type CallStatus = 'offered' | 'requested' | 'ringing' | 'in_progress' | 'completed' | 'failed';

/** Roles a customer may ever see. Whispers, context and tool calls never leave the staff side. */
export const CUSTOMER_VISIBLE_ROLES: readonly MessageRole[] = ['customer', 'agent', 'operator', 'system'];
/** Who can speak in a conversation; notices (`system`) and staff-only roles do not count. */
export type Speaker = 'customer' | 'agent' | 'operator';
export const SPEAKERS: readonly MessageRole[] = ['customer', 'agent', 'operator'];

export interface SinglePrompt {
  type: 'single';
  text: string;
}
export interface PromptTransition {
  to: string;
  when: string;
}
export interface PromptState {
  name: string;
  prompt: string;
  transitions: PromptTransition[];
}
export interface MultiPrompt {
  type: 'multi';
  start: string;
  states: PromptState[];
}
export type AgentPrompt = SinglePrompt | MultiPrompt;

export interface LlmConfig {
  provider: 'openai' | 'openai-compatible' | 'offline';
  model: string;
  baseUrl?: string;
  temperature?: number;
  /** Whether the agent has its own API key for this endpoint (the key itself is never shown). */
  hasApiKey: boolean;
  /** Why the model cannot answer as configured (e.g. `openai` with no key anywhere); absent when it can. */
  modelIssue?: string;
}

export interface SupportCommands {
  whisper: boolean;
  tell: boolean;
  takeover: boolean;
}

export interface CallEscalationDto {
  enabled: boolean;
  webhookUrl?: string;
  voiceAgentId?: string;
  /** Only ever true/false on the wire: the secret itself is write-only. */
  hasSecret: boolean;
}

/** What a lead field holds once captured (see LeadFieldDto). */
export type LeadFieldType = 'string' | 'email' | 'phone' | 'number' | 'boolean' | 'enum';
export type LeadFieldValue = string | number | boolean;

/** One thing an agent captures about its customers (SPEC §9): the model saves it with `save_fields`. */
export interface LeadFieldDto {
  /** `^[a-zA-Z][a-zA-Z0-9_]{0,39}$`, unique per agent: the key in `SessionDto.fields`. */
  key: string;
  label: string;
  type: LeadFieldType;
  /** `enum` fields only: the allowed values (1–50). */
  options?: string[];
  required: boolean;
  /** Told to the model; staff-only (never sent to a widget). */
  description: string | null;
  /** Asked in the widget before the first message. */
  prechat: boolean;
}

/** A captured value with its field's label (transcripts, exports); the key as label once the agent no longer has the field. */
export interface CapturedFieldDto {
  key: string;
  label: string;
  value: LeadFieldValue;
}

/** A pre-chat field as a customer's widget sees it: what to ask, nothing staff-only. */
export interface PrechatFieldDto {
  key: string;
  label: string;
  type: LeadFieldType;
  options?: string[];
  required: boolean;
}

/**
 * When help was requested and no operator has taken over within `waitSeconds` (or at once
 * when no operator is online), the AI tells the customer so and offers a call if it can.
 */
export interface EscalationLadderDto {
  enabled: boolean;
  waitSeconds: number;
}

export type ToolApproval = 'never' | 'always';

/** An HTTP tool of an agent (SPEC §8). Its `secret` is write-only: answers say `hasSecret`. */
export interface AgentToolDto {
  name: string;
  description: string;
  /** A JSON Schema object describing the arguments. */
  parameters: Record<string, unknown>;
  http: { url: string; method: 'POST' | 'GET' };
  hasSecret: boolean;
  timeoutMs: number;
  approval: ToolApproval;
  /** Shown to the customer while the tool runs ("Checking your order…"). */
  progressLabel: string | null;
}

/** An MCP server (streamable HTTP) whose tools an agent may call. `headers` are write-only. */
export interface McpServerDto {
  name: string;
  url: string;
  hasHeaders: boolean;
  /** Only these of its tools are offered; null = all. */
  allowedTools: string[] | null;
  approval: ToolApproval;
  /** What the server listed last time. */
  tools: { name: string; description: string }[];
  listedAt: string | null;
  /** Why the last listing failed; null when it worked. */
  error: string | null;
}


/** What a visitor's widget learns about the agent it talks to. */
export interface PublicAgentDto {
  id: string;
  name: string;
  greeting: string;
  /** The agent's language: the widget speaks it to visitors whose browser asks for none it has. */
  language: ChatLanguage;
}



export type ToolCallStatus = 'pending_approval' | 'running' | 'succeeded' | 'failed' | 'denied' | 'timed_out' | 'cancelled';

/** One tool call of the AI, carried by a staff-only message of role `tool` (its `content` is the tool's name). */
export interface ToolCallDto {
  toolCallId: string;
  name: string;
  arguments: Record<string, unknown>;
  status: ToolCallStatus;
  approval: ToolApproval;
  /** An excerpt of the result (at most 2000 characters). */
  result: string | null;
  durationMs: number | null;
  decidedBy: { id: string; name: string } | null;
  /** The deny reason, or the error. */
  reason: string | null;
  /** The approval deadline. */
  expiresAt: string | null;
  progressLabel: string | null;
  source: 'http' | 'mcp' | 'builtin';
}

export interface MessageAuthor {
  id: string;
  name: string;
}



/** One row of the session log as an inbox (`GET /v1/chat/sessions/previews`). */
export interface SessionPreviewDto {
  sessionId: string;
  /** The last thing the customer or the team said (staff-only notes left out), clipped. */
  lastMessage: { role: 'customer' | 'agent' | 'operator'; text: string } | null;
  /** Customer messages the asking operator has not read (0 for an API key). */
  unread: number;
  /** For a word search (`q`): the text around the hit. */
  snippet: string | null;
}

/** The REST `/stats` answer is `sessionStatsDto` (shared/src/contract/dtos.ts); the socket's `stats` adds `facets`. */
export interface SessionStats {
  total: number;
  active: number;
  dormant: number;
  closed: number;
  helpRequested: number;
  /** Sessions in human hands whose customer is waiting for a person (see SessionFilters.awaitingReply). */
  awaitingReply: number;
  /** Mean CSAT rating (1–5) of the rated sessions matching the filters; null if none. */
  csatAverage: number | null;
  csatCount: number;
  /** Sessions with a tool call waiting for approval. */
  approvalPending: number;
  /** The stat cards' counts, each under every filter but its own (the status, help, awaiting and approval filters); socket `stats` only. */
  facets?: SessionFacets;
}


/** Counts for the console's stat cards (see SessionStats.facets). */
export type SessionFacets = Pick<SessionStats, 'total' | 'active' | 'dormant' | 'closed' | 'helpRequested' | 'awaitingReply' | 'approvalPending'>;

export interface SessionFilters {
  agentId?: string;
  status?: SessionStatus;
  mode?: SessionMode;
  /** Exactly this customer's sessions. */
  customerId?: string;
  /** Customers whose id starts with this, in any case (the console's search box: `cust` finds `CUST-77`). */
  customerIdPrefix?: string;
  helpRequested?: boolean;
  /** Every required lead field captured (or none required). */
  fieldsComplete?: boolean;
  assignedTo?: string;
  /** In human hands, and someone other than an operator spoke last: a customer is waiting. */
  awaitingReply?: boolean;
  /** A tool call waits for a person's approval. */
  approvalPending?: boolean;
  /** Words that must all appear in one message of the session (any role), whole and in any case. */
  q?: string;
  /** `waiting`: open help requests only, the longest waiting first (the inbox's order). Default: newest first. */
  order?: 'waiting';
  /** Sessions of one channel (`web`, `sms`, …). */
  channel?: string;
}

export interface SessionPage {
  sessions: SessionDto[];
  nextCursor: string | null;
}




export const DOMAIN_EVENT_TYPES = [
  'session.created',
  'session.updated',
  'session.closed',
  'session.fields_updated',
  'message.created',
  'message.completed',
  'help.requested',
  'help.resolved',
  'command.whisper',
  'command.tell',
  'command.takeover',
  'command.release',
  'context.injected',
  'call.requested',
  'call.updated',
  'session.rated',
  'session.erased',
  'tool.called',
  'tool.completed',
  'tool.approval_requested',
  'tool.approved',
  'tool.denied',
] as const;
export type DomainEventType = (typeof DOMAIN_EVENT_TYPES)[number];

/** What `/events` subscribers and webhooks receive. */
export interface EventEnvelope<T = unknown> {
  id: string;
  type: DomainEventType;
  at: string;
  sessionId: string;
  agentId: string;
  data: T;
}

export type WebhookDeliveryStatus = 'pending' | 'succeeded' | 'failed';


/** One try at delivering an event: the HTTP status, or the network error, and how long it took. */
export interface WebhookAttemptDto {
  at: string;
  status: number | null;
  error: string | null;
  durationMs: number;
}






