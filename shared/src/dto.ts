/** Wire shapes (DTOs): string ids, ISO dates. Never mongoose documents. */
import type { ChatLanguage } from './languages';
import type { ApiKeyScope } from './api-key-scopes';
import type { BusinessHours } from './business-hours';
import type { AttachmentDto, CsatDto } from './desk-dto';

export type { AttachmentDto, CannedReplyDto, CsatDto } from './desk-dto';

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

export interface AgentDto {
  id: string;
  name: string;
  prompt: AgentPrompt;
  llm: LlmConfig;
  knowledgeBaseIds: string[];
  /** What the agent captures about its customers (lead capture, SPEC §9). */
  fields: LeadFieldDto[];
  memory: { enabled: boolean };
  supportCommands: SupportCommands;
  callEscalation: CallEscalationDto;
  escalationLadder: EscalationLadderDto;
  dormantAfterSeconds: number;
  greeting: string;
  /** The language of the lines Switchboard itself writes to this agent's customers (apologies, hand-over and after-hours notices). */
  language: ChatLanguage;
  allowedOrigins: string[];
  /** When people answer help requests; null = always. */
  businessHours: BusinessHours | null;
  tools: AgentToolDto[];
  mcpServers: McpServerDto[];
  /** How long a tool call waits for a person's approval before it counts as not approved. */
  approvalTimeoutSeconds: number;
  createdAt: string;
  updatedAt: string;
}

/** What a visitor's widget learns about the agent it talks to. */
export interface PublicAgentDto {
  id: string;
  name: string;
  greeting: string;
  /** The agent's language: the widget speaks it to visitors whose browser asks for none it has. */
  language: ChatLanguage;
}

export interface SessionDto {
  id: string;
  agentId: string;
  customerId: string;
  metadata: Record<string, unknown>;
  status: SessionStatus;
  mode: SessionMode;
  helpRequested: boolean;
  helpRequestedAt: string | null;
  helpReason: string | null;
  assignedTo: string | null;
  currentState: string | null;
  /** The lead fields captured so far, by key (`save_fields`, the pre-chat form, or staff). */
  fields: Record<string, LeadFieldValue>;
  /** Every required field of the agent is captured (true when the agent requires none). */
  fieldsComplete: boolean;
  createdAt: string;
  updatedAt: string;
  lastMessageAt: string | null;
  /** Who spoke last (notices do not count): `customer` in support mode means the customer is waiting for a person. */
  lastMessageFrom: Speaker | null;
  lastSeq: number;
  closedAt: string | null;
  /** When the mode last changed (a takeover or a release); null if it never did. */
  modeChangedAt?: string | null;
  /** The customer's rating, once given. */
  csat: CsatDto | null;
  /** A tool call of the AI waits for a person's approval. */
  approvalPending: boolean;
  /** Where the customer talks: `web` for the widget, else the integrator's short name (`sms`, `whatsapp`); `api` when none was given. */
  channel: string;
}

/** The slice of a session a customer may see. */
export interface CustomerSessionDto {
  id: string;
  agentId: string;
  status: SessionStatus;
  mode: SessionMode;
  helpRequested: boolean;
  lastSeq: number;
  createdAt: string;
  /** Whether the customer has already rated this session (CSAT is asked once). */
  rated: boolean;
  /** Pre-chat fields still to ask before the first message; absent when there are none (widget snapshot and `fields:submit` only). */
  prechat?: PrechatFieldDto[];
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

export interface MessageDto {
  id: string;
  sessionId: string;
  seq: number;
  role: MessageRole;
  content: string;
  /** Agent messages only. */
  status?: MessageStatus;
  clientMessageId?: string | null;
  /** Operator messages: who wrote it. */
  author?: MessageAuthor | null;
  /** Context messages: where it came from (e.g. `call`). */
  source?: string | null;
  /** A file this message carries. */
  attachment?: AttachmentDto;
  /** Tool messages only. */
  toolCall?: ToolCallDto;
  createdAt: string;
  completedAt?: string | null;
  /** Agent replies that ended `interrupted` or `failed`: why (with `completedAt`, when). */
  endReason?: ReplyEndReason | null;
  /** Customer-visible messages: `content` as plain text (Markdown stripped, link URLs kept, list items as lines) for SMS-like channels. */
  text?: string;
}

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

export interface OperatorDto {
  id: string;
  email: string;
  name: string;
  role: OperatorRole;
  /** Their own choice (`PATCH /v1/auth/me`). */
  status: OperatorStatus;
  /** A console of theirs is open now. Available for help requests = `online` and present. */
  present: boolean;
  createdAt: string;
}

export interface ApiKeyDto {
  id: string;
  name: string;
  prefix: string;
  /** What the key may do; `admin` may do everything (keys made before scopes existed have it). */
  scopes: ApiKeyScope[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface CallDto {
  id: string;
  sessionId: string;
  status: CallStatus;
  phone: string | null;
  /** Why the call was offered (the AI's words) or requested; null when none was given. */
  reason: string | null;
  /** The voice platform's summary of the call, once it has completed. Staff only: null towards the widget. */
  summary: string | null;
  /** Why the call failed (or the last delivery error while retrying). Staff only. */
  error: string | null;
  createdAt: string;
  updatedAt: string;
  /** An offer (`offered`): what to tell a customer on a text-only channel, with the offer's reason. */
  text?: string;
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

/** A registered webhook endpoint. Its signing secret is shown once, at creation. */
export interface WebhookDto {
  id: string;
  url: string;
  types: DomainEventType[];
  createdAt: string;
}

/** One try at delivering an event: the HTTP status, or the network error, and how long it took. */
export interface WebhookAttemptDto {
  at: string;
  status: number | null;
  error: string | null;
  durationMs: number;
}

export interface WebhookDeliveryDto {
  id: string;
  webhookId: string;
  eventId: string;
  type: DomainEventType;
  sessionId: string;
  status: WebhookDeliveryStatus;
  attempts: WebhookAttemptDto[];
  /** When the next try is due (pending deliveries only). */
  nextAttemptAt: string | null;
  createdAt: string;
  completedAt: string | null;
}

export interface KnowledgeBaseDto {
  id: string;
  name: string;
  description: string;
  documentCount: number;
  createdAt: string;
}

export interface KnowledgeDocumentDto {
  id: string;
  title: string;
  /** How many searchable passages the document was split into. */
  chunks: number;
}

/** One finished session as an agent remembers it. */
export interface CustomerMemoryDto {
  id: string;
  agentId: string;
  sessionId: string;
  summary: string;
  createdAt: string;
}

/** `GET /v1/customers/:customerId/export`: everything kept about one customer (data access and portability requests). */
export interface CustomerExportDto {
  customerId: string;
  exportedAt: string;
  /** `fields`: the session's captured lead fields, labelled. */
  sessions: { session: SessionDto; messages: MessageDto[]; calls: CallDto[]; fields: CapturedFieldDto[] }[];
  memories: CustomerMemoryDto[];
}

/** `DELETE /v1/customers/:customerId`: how much was erased. */
export interface CustomerErasureDto {
  sessions: number;
  messages: number;
  attachments: number;
  calls: number;
  memories: number;
}
