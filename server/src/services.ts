import type { Config } from './config';
import type { Logger } from './logger';
import type { AgentService } from './domain/agents/agent.service';
import type { ApiKeyService } from './domain/api-keys/api-key.service';
import type { ChatService } from './domain/chat/chat.service';
import type { KnowledgeService } from './domain/knowledge/knowledge.service';
import type { SessionInboxService } from './domain/sessions/session-inbox.service';
import type { MemoryService } from './domain/memory/memory.service';
import type { CallService } from './domain/calls/call.service';
import type { EscalationLadder } from './domain/escalation/escalation-ladder';
import type { WidgetAccessService } from './domain/chat/widget-access';
import type { EventBus } from './domain/events/event-bus';
import type { RateLimits } from './domain/limits/rate-limits';
import type { MessageService } from './domain/messages/message.service';
import type { OperatorService } from './domain/operators/operator.service';
import type { AgentRuntime } from './domain/runtime/agent-runtime';
import type { SessionService } from './domain/sessions/session.service';
import type { SupportService } from './domain/support/support.service';
import type { WebhookService } from './domain/webhooks/webhook.service';
import type { AssignmentService } from './domain/support/assignment.service';
import type { CannedReplyService } from './domain/canned-replies/canned-reply.service';
import type { AttachmentService } from './domain/attachments/attachment.service';
import type { TranscriptService } from './domain/transcripts/transcript.service';
import type { CustomerDataService } from './domain/customers/customer-data.service';
import type { SessionEraser } from './domain/erasure/session-eraser';
import type { Metrics } from './observability/metrics';
import type { LeadService } from './domain/leads/lead.service';
import type { ApprovalService } from './domain/tools/approval.service';
import type { ToolAdminService } from './domain/tools/tool-admin.service';
import type { EgressClient } from './domain/egress/egress-client';
import type { InsightsService } from './domain/insights/insights.service';
import type { HandoffInboxService } from './domain/insights/handoff-inbox.service';
import type { PromptSuggestionService } from './domain/insights/prompt-suggestion.service';

/** Everything the transports may call; built once in app.ts. */
export interface Services {
  config: Config;
  logger: Logger;
  bus: EventBus;
  agents: AgentService;
  sessions: SessionService;
  messages: MessageService;
  chat: ChatService;
  widgetAccess: WidgetAccessService;
  support: SupportService;
  runtime: AgentRuntime;
  operators: OperatorService;
  apiKeys: ApiKeyService;
  webhooks: WebhookService;
  limits: RateLimits;
  knowledge: KnowledgeService;
  memory: MemoryService;
  calls: CallService;
  escalation: EscalationLadder;
  assignment: AssignmentService;
  cannedReplies: CannedReplyService;
  attachments: AttachmentService;
  transcripts: TranscriptService;
  /** Lead capture: the session's `fields` (SPEC §9). */
  leads: LeadService;
  /** Export and erasure of one customer's data. */
  customers: CustomerDataService;
  /** Erases sessions whole (customer erasure, RETENTION_DAYS). */
  eraser: SessionEraser;
  metrics: Metrics;
  /** Human approval of tool calls (SPEC §8). */
  approvals: ApprovalService;
  /** Trying a tool, re-listing MCP servers. */
  toolAdmin: ToolAdminService;
  /** The egress policy's client: use `egress.fetch` or `egress.lookup` for any request to an admin-given URL. */
  egress: EgressClient;
  /** Outcomes per agent and day, the handoffs to learn from, prompt suggestions (docs/insights.md). */
  insights: InsightsService;
  handoffInbox: HandoffInboxService;
  promptSuggestions: PromptSuggestionService;
  processId: string;
  /** True once the database has answered. */
  isReady: () => boolean;
  /** First-run setup (master key, admin, demo) is done: until then /readyz says 503 `starting`. */
  isSetUp: () => boolean;
  /** Redis as this process sees it; null when it runs without (no REDIS_URL). */
  redisState: () => 'connected' | 'reconnecting' | null;
  /** True from the moment the process was told to stop: load balancers should send new work elsewhere. */
  isStopping: () => boolean;
  /** The session log as an inbox: previews, search snippets, unread counts per operator. */
  inbox: SessionInboxService;
}
