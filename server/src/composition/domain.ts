import mongoose from 'mongoose';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { AgentDoc } from '../db/models/agent.model';
import type { Services } from '../services';
import { installationSecret } from '../bootstrap/credentials';
import { redisLimiterFactory, type RedisClient, type RedisState } from '../cluster/redis';
import { AgentService } from '../domain/agents/agent.service';
import { AgentApiKeys } from '../domain/agents/agent-api-keys';
import { AgentSecret } from '../domain/agents/agent-secret';
import { ApiKeyService } from '../domain/api-keys/api-key.service';
import { AttachmentService } from '../domain/attachments/attachment.service';
import { AttachmentStore } from '../domain/attachments/attachment-store';
import { CallService } from '../domain/calls/call.service';
import { CannedReplyService } from '../domain/canned-replies/canned-reply.service';
import { ChatService } from '../domain/chat/chat.service';
import { WidgetAccessService } from '../domain/chat/widget-access';
import { CustomerDataService } from '../domain/customers/customer-data.service';
import { EgressClient } from '../domain/egress/egress-client';
import { EgressPolicy } from '../domain/egress/egress-policy';
import { SessionEraser } from '../domain/erasure/session-eraser';
import { EscalationLadder } from '../domain/escalation/escalation-ladder';
import { EventBus } from '../domain/events/event-bus';
import { createInsights } from '../domain/insights/create-insights';
import { KnowledgeService } from '../domain/knowledge/knowledge.service';
import { LeadService } from '../domain/leads/lead.service';
import { RateLimits } from '../domain/limits/rate-limits';
import { MemoryService } from '../domain/memory/memory.service';
import { MessageService } from '../domain/messages/message.service';
import { OperatorService } from '../domain/operators/operator.service';
import { AgentRuntime } from '../domain/runtime/agent-runtime';
import { createProvider } from '../domain/runtime/providers';
import { SecretBox } from '../domain/secrets/secret-box';
import { SessionAgentIndex } from '../domain/sessions/session-agent-index';
import { SessionInboxService } from '../domain/sessions/session-inbox.service';
import { SessionService } from '../domain/sessions/session.service';
import { AssignmentService } from '../domain/support/assignment.service';
import { BusinessHoursGate } from '../domain/support/business-hours-gate';
import { SupportService } from '../domain/support/support.service';
import { ApprovalFlags } from '../domain/tools/approval-flags';
import { ApprovalService } from '../domain/tools/approval.service';
import { McpListing } from '../domain/tools/mcp-listing';
import { ToolAdminService } from '../domain/tools/tool-admin.service';
import { ToolCallStore } from '../domain/tools/tool-call.store';
import { ToolDefinitions } from '../domain/tools/tool-definitions';
import { ToolInvoker } from '../domain/tools/tool-invoker';
import { ToolRunner } from '../domain/tools/tool-runner';
import { TranscriptService } from '../domain/transcripts/transcript.service';
import { OutboundQueue } from '../domain/webhooks/outbound-queue';
import { WebhookService } from '../domain/webhooks/webhook.service';
import { Metrics } from '../observability/metrics';
import { traceProvider } from '../observability/model-tracing';

/** What the process's lifecycle knows and the services report (readiness, the public address). */
export interface ProcessState {
  setUp: boolean;
  stopping: boolean;
  /** Where customers reach this server; the listening address once known (calls sign links with it). */
  publicUrl: string;
}

/** What the process connected to before the services exist. */
export interface Infrastructure {
  /** This process among others sharing the database (reply owners, the bus relay). */
  processId: string;
  redis: { client: RedisClient; state: () => RedisState } | null;
}

/**
 * Domain composition: every service, built from the configuration and the connected database.
 * Nothing listens and no listener is registered here (see listeners.ts and transport.ts).
 */
export async function buildDomain(config: Config, logger: Logger, { processId, redis: redisLink }: Infrastructure, state: ProcessState): Promise<Services> {
  const redis = redisLink?.client ?? null;
  const bus = new EventBus();
  const metrics = new Metrics();
  // Key material for the secrets the server must read back (webhook signing secrets, agents' API keys).
  const secretKey = config.WEBHOOK_SECRET_KEY ?? (await installationSecret('webhookKey'));
  const agentBox = new SecretBox(secretKey, 'agent secrets v1');
  const agentSecrets = { identity: new AgentSecret(agentBox, 'identity'), call: new AgentSecret(agentBox, 'call'), apiKeys: new AgentApiKeys(new AgentSecret(agentBox, 'api-key')) };
  // Every outbound request to an address an admin typed in goes through this (tools and MCP now).
  const egress = new EgressClient(EgressPolicy.fromConfig(config.EGRESS_ALLOW, config.NODE_ENV));
  const toolDefinitions = new ToolDefinitions({ tool: new AgentSecret(agentBox, 'tool'), mcp: new AgentSecret(agentBox, 'mcp') }, egress);
  const mcpListing = new McpListing(egress, toolDefinitions, bus, logger, config.MCP_TIMEOUT_MS);
  const agents = new AgentService(agentSecrets, bus, config.AGENT_CACHE_SECONDS * 1000, {
    prepare: (id, input, existing) => toolDefinitions.prepare(id, input, existing),
    refresh: (agent) => mcpListing.refresh(agent),
    // OPENAI_BASE_URL is the installation's own endpoint: an agent naming it is not sending anywhere new.
    assertReachable: (url, field) => (field === 'llm.baseUrl' && url === config.OPENAI_BASE_URL ? undefined : egress.assertAllowed(url, field)),
  }, { openaiApiKey: config.OPENAI_API_KEY, openaiBaseUrl: config.OPENAI_BASE_URL });
  // Which agent each session belongs to: remembered when a session is created or first read.
  const sessionAgents = new SessionAgentIndex();
  const messages = new MessageService(bus, agents, sessionAgents);
  messages.observeCustomerWaits((seconds) => metrics.customerWaited(seconds));
  const knowledge = new KnowledgeService();
  const limits = new RateLimits({
    messagesPerSession: config.RATE_MESSAGES_PER_MINUTE_SESSION,
    messagesPerIp: config.RATE_MESSAGES_PER_MINUTE_IP,
    sessionsPerIp: config.RATE_SESSIONS_PER_MINUTE_IP,
    apiKey: config.RATE_API_KEY_PER_MINUTE,
    login: config.RATE_LOGIN_PER_15_MIN,
    loginFailures: config.RATE_LOGIN_FAILURES_PER_15_MIN,
  }, redis ? redisLimiterFactory(redis) : undefined, (name) => metrics.rateLimited(name));
  // The sessions service applies the per-address session limit itself, for every way in.
  const sessions = new SessionService(agents, bus, sessionAgents, limits);
  const providerDefaults = { openaiApiKey: config.OPENAI_API_KEY, openaiBaseUrl: config.OPENAI_BASE_URL, offlineWordDelayMs: config.OFFLINE_WORD_DELAY_MS, egressFetch: egress.globalFetch };
  const providerFor = (agent: AgentDoc) =>
    traceProvider(createProvider({ provider: agent.llm?.provider ?? 'offline', model: agent.llm?.model ?? 'offline', baseUrl: agent.llm?.baseUrl ?? undefined }, providerDefaults, agents.apiKeyOf(agent)), agent.llm?.provider ?? 'offline');
  const memory = new MemoryService(agents, messages, providerFor, logger);
  const leads = new LeadService(agents, sessions, bus);
  // One durable queue for every signed outbound delivery: webhook events and call requests.
  const outbound = new OutboundQueue();
  const calls = new CallService(sessions, messages, agents, memory, bus, logger, {
    publicUrl: () => state.publicUrl,
    queue: outbound,
    retryScheduleMs: config.CALL_RETRY_SCHEDULE_MS,
    signatureToleranceSec: config.CALL_SIGNATURE_TOLERANCE_SECONDS,
  });
  const toolCalls = new ToolCallStore(messages, bus);
  const toolInvoker = new ToolInvoker(egress, toolDefinitions, toolCalls, { maxResponseBytes: config.TOOL_MAX_RESPONSE_BYTES, mcpTimeoutMs: config.MCP_TIMEOUT_MS, staleGraceMs: config.STALE_STREAM_SECONDS * 1000 });
  const approvalFlags = new ApprovalFlags(sessions, toolCalls);
  const runtime = new AgentRuntime({
    calls,
    leads,
    tools: new ToolRunner(toolCalls, toolInvoker, approvalFlags),
    sessions,
    messages,
    agents,
    bus,
    knowledge,
    memory,
    logger,
    providerFor,
    observer: metrics,
    options: {
      processId,
      maxRetries: config.LLM_MAX_RETRIES,
      retryBaseMs: config.LLM_RETRY_BASE_MS,
      firstTokenTimeoutMs: config.LLM_FIRST_TOKEN_TIMEOUT_MS,
      idleTimeoutMs: config.LLM_IDLE_TIMEOUT_MS,
      checkpointMs: config.STREAM_CHECKPOINT_MS,
      historyChars: config.MODEL_HISTORY_CHARS,
      toolMaxRounds: config.TOOL_MAX_ROUNDS,
    },
  });
  const approvals = new ApprovalService({ store: toolCalls, invoker: toolInvoker, flags: approvalFlags, agents, sessions, replies: runtime, logger });
  const authSecret = config.AUTH_SECRET ?? (await installationSecret('authSecret'));
  const webhooks = new WebhookService(new SecretBox(secretKey), logger, undefined, (url, field) => egress.assertAllowed(url, field), outbound);
  const operators = new OperatorService(bus, authSecret, config.AUTH_TOKEN_TTL_SECONDS);
  const attachmentStore = new AttachmentStore();
  const eraser = new SessionEraser({ bus, attachments: attachmentStore, abortReply: (id) => runtime.abort(id), logger });
  return {
    config,
    logger,
    bus,
    agents,
    sessions,
    messages,
    runtime,
    limits,
    knowledge,
    memory,
    calls,
    leads,
    escalation: new EscalationLadder({ agents, messages, calls, logger }),
    processId,
    assignment: new AssignmentService(sessions, operators),
    cannedReplies: new CannedReplyService(agents, sessions),
    attachments: new AttachmentService(attachmentStore, sessions, messages, runtime, { allowedTypes: config.ATTACHMENT_TYPES }),
    transcripts: new TranscriptService(sessions, messages, agents),
    ...createInsights(agents),
    eraser,
    metrics,
    customers: new CustomerDataService(eraser, memory, agents),
    chat: new ChatService(sessions, messages, agents, runtime, limits, bus, config.MAX_MESSAGE_CHARS, new BusinessHoursGate(agents)),
    widgetAccess: new WidgetAccessService(agents, sessions, logger),
    support: new SupportService(sessions, messages, agents, runtime, bus, config.MAX_MESSAGE_CHARS, approvals),
    approvals,
    toolAdmin: new ToolAdminService(agents, toolInvoker, mcpListing),
    egress,
    operators,
    apiKeys: new ApiKeyService(bus),
    webhooks,
    isReady: () => mongoose.connection.readyState === 1,
    isSetUp: () => state.setUp,
    redisState: () => redisLink?.state() ?? null,
    isStopping: () => state.stopping,
    inbox: new SessionInboxService(),
  };
}
