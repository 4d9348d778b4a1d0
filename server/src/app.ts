import { createServer, type Server as HttpServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import mongoose from 'mongoose';
import type { Config } from './config';
import type { Logger } from './logger';
import { resolveDatabase, type ResolvedDatabase } from './db/connect';
import { AgentService } from './domain/agents/agent.service';
import { ApiKeyService } from './domain/api-keys/api-key.service';
import { ChatService } from './domain/chat/chat.service';
import { WidgetAccessService } from './domain/chat/widget-access';
import { EventBus } from './domain/events/event-bus';
import { SessionInboxService } from './domain/sessions/session-inbox.service';
import { KnowledgeService } from './domain/knowledge/knowledge.service';
import { RateLimits } from './domain/limits/rate-limits';
import { MessageService } from './domain/messages/message.service';
import { SessionAgentIndex } from './domain/sessions/session-agent-index';
import { OperatorService } from './domain/operators/operator.service';
import { AgentRuntime } from './domain/runtime/agent-runtime';
import { createProvider } from './domain/runtime/providers';
import { MemoryService } from './domain/memory/memory.service';
import { CallService } from './domain/calls/call.service';
import { EscalationLadder } from './domain/escalation/escalation-ladder';
import type { AgentDoc } from './db/models/agent.model';
import { startDomainListeners } from './composition/listeners';
import { SecretBox } from './domain/secrets/secret-box';
import { AgentApiKeys } from './domain/agents/agent-api-keys';
import { AgentSecret } from './domain/agents/agent-secret';
import { WebhookDispatcher } from './domain/webhooks/webhook-dispatcher';
import { OutboundQueue } from './domain/webhooks/outbound-queue';
import { WebhookService } from './domain/webhooks/webhook.service';
import { connectRedis, redisAdapter, redisLimiterFactory, socketIoRelay } from './cluster/redis';
import { SessionService } from './domain/sessions/session.service';
import { SupportService } from './domain/support/support.service';
import { installationSecret } from './bootstrap/credentials';
import type { Services } from './services';
import { createHttpApp } from './transport/http/http-app';
import { createSocketLayer, type SocketLayer } from './transport/socket/socket-server';
import { startBackgroundJobs } from './background-jobs';
import { AssignmentService } from './domain/support/assignment.service';
import { BusinessHoursGate } from './domain/support/business-hours-gate';
import { CannedReplyService } from './domain/canned-replies/canned-reply.service';
import { AttachmentService } from './domain/attachments/attachment.service';
import { AttachmentStore } from './domain/attachments/attachment-store';
import { TranscriptService } from './domain/transcripts/transcript.service';
import { SessionEraser } from './domain/erasure/session-eraser';
import { CustomerDataService } from './domain/customers/customer-data.service';
import { Metrics } from './observability/metrics';
import { LeadService } from './domain/leads/lead.service';
import { EgressPolicy } from './domain/egress/egress-policy';
import { EgressClient } from './domain/egress/egress-client';
import { ToolDefinitions } from './domain/tools/tool-definitions';
import { McpListing } from './domain/tools/mcp-listing';
import { ToolCallStore } from './domain/tools/tool-call.store';
import { ToolInvoker } from './domain/tools/tool-invoker';
import { ApprovalFlags } from './domain/tools/approval-flags';
import { ToolRunner } from './domain/tools/tool-runner';
import { ApprovalService } from './domain/tools/approval.service';
import { ToolAdminService } from './domain/tools/tool-admin.service';
import { mongoTracingOptions, traceMongoCommands } from './observability/db-tracing';
import { traceProvider } from './observability/model-tracing';
import { createInsights } from './domain/insights/create-insights';

export interface App {
  services: Services;
  knowledge: KnowledgeService;
  httpServer: HttpServer;
  sockets: SocketLayer;
  database: ResolvedDatabase;
  listen(): Promise<{ port: number; url: string }>;
  /** First-run setup is done (see bootstrap): from now on /readyz may say ready. */
  markSetUp(): void;
  /**
   * Graceful shutdown: no new connections, widgets handed off as their
   * replies end, replies in progress given up to SHUTDOWN_DRAIN_MS to finish; then the rest
   * is cut off (the customers told) and everything closes. A second call cuts the drain short.
   */
  stop(): Promise<void>;
}

/** The composition root: resolves the database, wires services and transports. Nothing listens yet. */
export async function createApp(config: Config, logger: Logger, distDir = join(projectRoot(), 'dist')): Promise<App> {
  // In development the start banner says which database is used (issue 22: nothing logged before the banner).
  const database = await resolveDatabase({ mongodbUri: config.MONGODB_URI, dataDir: config.DATA_DIR, logger, announcesFallback: config.NODE_ENV !== 'production' });
  // No buffering: while the database is away a write fails fast as store_unavailable instead of hanging.
  await mongoose.connect(database.uri, { serverSelectionTimeoutMS: 3_000, bufferCommands: false, ...mongoTracingOptions() });
  traceMongoCommands(mongoose.connection.getClient());
  await Promise.all(Object.values(mongoose.models).map((m) => m.init()));
  logger.debug({ db: database.kind }, 'database connected');

  const processId = `${process.pid}-${randomUUID().slice(0, 8)}`;
  const bus = new EventBus();
  const metrics = new Metrics();
  metrics.countDomainEvents(bus);
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
  const sessions = new SessionService(agents, bus, sessionAgents);
  const messages = new MessageService(bus, agents, sessionAgents);
  messages.observeCustomerWaits((seconds) => metrics.customerWaited(seconds));
  const knowledge = new KnowledgeService();
  const redisLink = config.REDIS_URL ? await connectRedis(config.REDIS_URL, logger) : null;
  const redis = redisLink?.client ?? null;
  const limits = new RateLimits({
    messagesPerSession: config.RATE_MESSAGES_PER_MINUTE_SESSION,
    messagesPerIp: config.RATE_MESSAGES_PER_MINUTE_IP,
    sessionsPerIp: config.RATE_SESSIONS_PER_MINUTE_IP,
    apiKey: config.RATE_API_KEY_PER_MINUTE,
    login: config.RATE_LOGIN_PER_15_MIN,
    loginFailures: config.RATE_LOGIN_FAILURES_PER_15_MIN,
  }, redis ? redisLimiterFactory(redis) : undefined, (name) => metrics.rateLimited(name));
  const providerDefaults = { openaiApiKey: config.OPENAI_API_KEY, openaiBaseUrl: config.OPENAI_BASE_URL, offlineWordDelayMs: config.OFFLINE_WORD_DELAY_MS, egressFetch: egress.globalFetch };
  const providerFor = (agent: AgentDoc) =>
    traceProvider(createProvider({ provider: agent.llm?.provider ?? 'offline', model: agent.llm?.model ?? 'offline', baseUrl: agent.llm?.baseUrl ?? undefined }, providerDefaults, agents.apiKeyOf(agent)), agent.llm?.provider ?? 'offline');
  const memory = new MemoryService(agents, messages, providerFor, logger);
  let publicUrl = config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
  const leads = new LeadService(agents, sessions, bus);
  // One durable queue for every signed outbound delivery: webhook events and call requests.
  const outbound = new OutboundQueue();
  const calls = new CallService(sessions, messages, agents, memory, bus, logger, {
    publicUrl: () => publicUrl,
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
  const desk = {
    assignment: new AssignmentService(sessions, operators),
    cannedReplies: new CannedReplyService(agents, sessions),
    attachments: new AttachmentService(attachmentStore, sessions, messages, runtime, { allowedTypes: config.ATTACHMENT_TYPES }),
    transcripts: new TranscriptService(sessions, messages, agents),
  };
  const services: Services = {
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
    ...desk,
    ...createInsights(agents),
    eraser,
    metrics,
    customers: new CustomerDataService(eraser, memory, agents),
    chat: new ChatService(sessions, messages, agents, runtime, limits, bus, config.MAX_MESSAGE_CHARS, new BusinessHoursGate(agents)),
    widgetAccess: new WidgetAccessService(agents, sessions, limits, logger),
    support: new SupportService(sessions, messages, agents, runtime, bus, config.MAX_MESSAGE_CHARS, approvals),
    approvals,
    toolAdmin: new ToolAdminService(agents, toolInvoker, mcpListing),
    egress,
    operators,
    apiKeys: new ApiKeyService(bus),
    webhooks,
    isReady: () => mongoose.connection.readyState === 1,
    isSetUp: () => setUp,
    redisState: () => redisLink?.state() ?? null,
    isStopping: () => stopping,
    inbox: new SessionInboxService(),
  };

  let setUp = false;
  const httpServer = createServer(createHttpApp(services, distDir));
  const sockets = createSocketLayer(httpServer, services, redis ? redisAdapter(redis) : undefined);
  metrics.gaugeBy('socket_connections', 'Sockets connected to this process, per namespace', 'namespace', () => ({
    widget: sockets.io.of('/widget').sockets.size,
    operator: sockets.io.of('/operator').sockets.size,
    events: sockets.io.of('/events').sockets.size,
  }));
  metrics.gauge('ai_replies_in_progress', 'AI replies streaming in this process', () => runtime.activeReplies);
  if (redis) bus.attachRelay(socketIoRelay(sockets.io));
  if (redis) logger.info({ redis: true, processId }, 'sharing sockets with other processes through Redis');
  else logger.debug({ redis: false, processId }, 'single process (no REDIS_URL)');
  const jobs = startBackgroundJobs(services);
  startDomainListeners(services);
  bus.onLocalPublish((event) => webhooks.enqueue(event));
  let stopping = false;
  // Cuts the drain short when stop() is called again (a second signal).
  const cutDrain = new AbortController();
  const webhookDispatcher = new WebhookDispatcher(
    webhooks,
    {
      pollMs: config.WEBHOOK_POLL_MS,
      concurrency: config.WEBHOOK_CONCURRENCY,
      timeoutMs: config.WEBHOOK_TIMEOUT_MS,
      retryScheduleMs: config.WEBHOOK_RETRY_SCHEDULE_MS,
      onAttempt: (outcome) => metrics.webhookAttempt(outcome),
      fetchImpl: egress.globalFetch,
      targets: { call: calls.deliveryTarget },
    },
    logger,
  );
  webhookDispatcher.start();

  return {
    services,
    knowledge,
    httpServer,
    sockets,
    database,
    markSetUp: () => void (setUp = true),
    listen: async () => {
      const where = await listen(httpServer, config);
      publicUrl = where.url;
      return where;
    },
    async stop() {
      if (stopping) return void cutDrain.abort();
      stopping = true;
      // Still serving, but not ready: time for the load balancer to stop sending work here.
      if (config.SHUTDOWN_DELAY_MS > 0) {
        logger.info({ delayMs: config.SHUTDOWN_DELAY_MS }, 'not ready any more; still serving until the load balancer has noticed');
        await delay(config.SHUTDOWN_DELAY_MS, undefined, { signal: cutDrain.signal }).catch(() => undefined);
      }
      jobs.stop();
      const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await drain(runtime, sockets, config.SHUTDOWN_DRAIN_MS, cutDrain.signal, logger);
      await runtime.stop();
      await approvals.idle();
      await egress.close();
      await webhookDispatcher.stop();
      await webhooks.drain();
      await sockets.close();
      await redis?.quit().catch(() => undefined);
      httpServer.closeAllConnections();
      await closed;
      await mongoose.disconnect();
      await database.stop();
    },
  };
}

/** Lets the replies in progress here finish (at most `ms`), handing each widget off once its session's are done. */
async function drain(runtime: AgentRuntime, sockets: SocketLayer, ms: number, cut: AbortSignal, logger: Logger): Promise<void> {
  const stopHandOff = sockets.handOffWidgets((sessionId) => runtime.busy(sessionId));
  logger.info({ replies: runtime.activeReplies, drainMs: ms }, 'draining: letting replies in progress finish');
  const drained = await runtime.drain(ms, cut);
  stopHandOff();
  if (!drained) logger.warn({ replies: runtime.activeReplies }, 'drain over: cutting off the replies still in progress');
}

function listen(server: HttpServer, config: Config): Promise<{ port: number; url: string }> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, config.HOST, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : config.PORT;
      const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
      resolve({ port, url: config.PUBLIC_URL ?? `http://${host}:${port}` });
    });
  });
}

/** The folder holding package.json: the same from the sources (tsx) and from the bundle (dist/server). */
function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}
