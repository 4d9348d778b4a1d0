import type { ApiKeyScope } from '../api-key-scopes';
import type {
  AgentDto,
  CannedReplyDto,
  ApiKeyDto,
  CallDto,
  CustomerErasureDto,
  CustomerExportDto,
  CustomerMemoryDto,
  CustomerSessionDto,
  KnowledgeBaseDto,
  KnowledgeDocumentDto,
  MessageDto,
  OperatorDto,
  SessionDto,
  SessionFilters,
  SessionPage,
  SessionStats,
  WebhookDeliveryDto,
  WebhookDeliveryStatus,
  WebhookDto,
} from '../contract/types';
import type { WidgetAuth } from '../events';
import type * as In from './inputs';
import { connectEvents, connectOperator, connectWidget, type SocketConnectOptions } from './sockets';
import { contractCaller } from './contract-call';
import { ROUTES as R } from './routes';
import { insightsClient } from './insights-client';

export interface SwitchboardClientOptions {
  /** Where the server answers, e.g. `https://chat.example.com`. */
  baseUrl: string;
  /** An API key (sk_…), an operator login token, or a customer token (cst_…). */
  token?: string;
  /** A fetch implementation (defaults to the global one). */
  fetch?: typeof fetch;
}

export interface SentMessage {
  message: MessageDto;
  /** The AI's reply; null in support mode or for a duplicate send. */
  reply: MessageDto | null;
  duplicate: boolean;
}

/** A typed client for the Switchboard REST API and sockets; works in Node 18+ and browsers. */
export function createSwitchboardClient(options: SwitchboardClientOptions) {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  // Every REST call goes through the contract (shared/src/contract/): paths and types from one place.
  const call = contractCaller({ baseUrl, token: options.token, fetch: doFetch });

  return {
    baseUrl,
    /** The same client with another credential. */
    withToken: (token: string) => createSwitchboardClient({ ...options, token }),

    auth: {
      login: (email: string, password: string): Promise<{ token: string; operator: OperatorDto }> => call(R.login, { body: { email, password } }),
      me: async (): Promise<OperatorDto> => (await call(R.getMe, {})).operator,
      updateMe: async (input: In.MePatchInput): Promise<OperatorDto> => (await call(R.patchMe, { body: input })).operator,
    },
    agents: {
      create: async (input: In.AgentCreateInput): Promise<AgentDto> => (await call(R.createAgent, { body: input })).agent,
      list: async (): Promise<AgentDto[]> => (await call(R.listAgents, {})).agents,
      get: async (id: string): Promise<AgentDto> => (await call(R.getAgent, { params: { id } })).agent,
      update: async (id: string, input: In.AgentPatchInput): Promise<AgentDto> => (await call(R.patchAgent, { params: { id }, body: input })).agent,
      delete: (id: string): Promise<void> => call(R.deleteAgent, { params: { id } }),
      /** The HMAC key of `data-customer-hash` (admins). */
      identitySecret: async (id: string): Promise<string> => (await call(R.getIdentitySecret, { params: { id } })).identitySecret,
      /** Replaces it: hashes made with the old one stop verifying. */
      rotateIdentitySecret: async (id: string): Promise<string> => (await call(R.rotateIdentitySecret, { params: { id } })).identitySecret,
    },
    cannedReplies: {
      create: async (agentId: string, input: { shortcut: string; text: string }): Promise<CannedReplyDto> => (await call(R.createCannedReply, { params: { id: agentId }, body: input })).cannedReply,
      list: async (agentId: string): Promise<CannedReplyDto[]> => (await call(R.listCannedReplies, { params: { id: agentId } })).cannedReplies,
      delete: (agentId: string, replyId: string): Promise<void> => call(R.deleteCannedReply, { params: { id: agentId, replyId } }),
      /** The reply's text with `{{metadata.field}}` filled from the session. */
      render: async (sessionId: string, replyId: string): Promise<string> => (await call(R.renderCannedReply, { params: { id: sessionId, replyId } })).text,
    },
    knowledgeBases: {
      create: async (input: In.KnowledgeBaseCreateInput): Promise<KnowledgeBaseDto> => (await call(R.createKnowledgeBase, { body: input })).knowledgeBase,
      list: async (): Promise<KnowledgeBaseDto[]> => (await call(R.listKnowledgeBases, {})).knowledgeBases,
      addDocument: async (id: string, input: In.DocumentCreateInput): Promise<KnowledgeDocumentDto> => (await call(R.addDocument, { params: { id }, body: input })).document,
    },
    operators: {
      create: async (input: In.OperatorCreateInput): Promise<OperatorDto> => (await call(R.createOperator, { body: input })).operator,
      list: async (): Promise<OperatorDto[]> => (await call(R.listOperators, {})).operators,
      update: async (id: string, input: In.OperatorPatchInput): Promise<OperatorDto> => (await call(R.patchOperator, { params: { id }, body: input })).operator,
      delete: (id: string): Promise<void> => call(R.deleteOperator, { params: { id } }),
    },
    apiKeys: {
      /** The `key` is returned only here, once. */
      /** Without `scopes` the key has full rights (`admin`). */
      create: (name: string, scopes?: ApiKeyScope[]): Promise<{ apiKey: ApiKeyDto; key: string }> => call(R.createApiKey, { body: scopes ? { name, scopes } : { name } }),
      list: async (): Promise<ApiKeyDto[]> => (await call(R.listApiKeys, {})).apiKeys,
      revoke: (id: string): Promise<void> => call(R.revokeApiKey, { params: { id } }),
    },
    webhooks: {
      /** The signing `secret` is returned only here, once (and as the Standard Webhooks libraries take it). */
      create: (input: In.WebhookCreateInput): Promise<{ webhook: WebhookDto; secret: string; standardWebhooksSecret: string }> => call(R.createWebhook, { body: input }),
      list: async (): Promise<WebhookDto[]> => (await call(R.listWebhooks, {})).webhooks,
      delete: (id: string): Promise<void> => call(R.deleteWebhook, { params: { id } }),
      deliveries: async (id: string, query: { status?: WebhookDeliveryStatus; limit?: number } = {}): Promise<WebhookDeliveryDto[]> =>
        (await call(R.webhookDeliveries, { params: { id }, query })).deliveries,
      /** Sends a failed delivery once more, now (409 `conflict` unless it has failed). */
      retryDelivery: async (id: string, deliveryId: string): Promise<WebhookDeliveryDto> => (await call(R.retryWebhookDelivery, { params: { id, deliveryId } })).delivery,
    },
    customers: {
      memory: async (customerId: string): Promise<CustomerMemoryDto[]> => (await call(R.customerMemory, { params: { customerId } })).memories,
      eraseMemory: async (customerId: string): Promise<number> => (await call(R.eraseCustomerMemory, { params: { customerId } })).erased,
      /** Everything kept about the customer, across every agent. */
      export: (customerId: string): Promise<CustomerExportDto> => call(R.exportCustomer, { params: { customerId } }),
      /** Erases every session, message, file and call of the customer, and their memory. */
      erase: async (customerId: string): Promise<CustomerErasureDto> => (await call(R.eraseCustomer, { params: { customerId } })).erased,
    },
    sessions: {
      /** With `reuse: "open"` the customer's open session may come back (`reused: true`, no `customerToken`: only its hash is stored). */
      create: <I extends In.SessionCreateInput>(input: I) =>
        call(R.createSession, { body: input }) as Promise<I extends { reuse: 'open' } ? { session: SessionDto; customerToken?: string; reused: boolean } : { session: SessionDto; customerToken: string; reused: false }>,
      list: (query: SessionFilters & { limit?: number; cursor?: string } = {}): Promise<SessionPage> => call(R.listSessions, { query }),
      stats: (filters: SessionFilters = {}): Promise<SessionStats> => call(R.sessionStats, { query: filters }),
      /** The staff view, or the customer view with a customer token. */
      get: async (id: string): Promise<SessionDto | CustomerSessionDto> => (await call(R.getSession, { params: { id } })).session,
      updateMetadata: async (id: string, metadata: Record<string, unknown>): Promise<SessionDto> => (await call(R.patchSession, { params: { id }, body: { metadata } })).session,
      messages: async (id: string, query: { afterSeq?: number; limit?: number } = {}): Promise<MessageDto[]> => (await call(R.listMessages, { params: { id }, query })).messages,
      /** A customer message; resolves once the AI reply is complete (reply null in support mode). */
      sendMessage: (id: string, input: In.MessageSendInput): Promise<SentMessage> => call(R.sendMessage, { params: { id }, body: input }),
      injectContext: async (id: string, input: In.ContextInput): Promise<MessageDto> => (await call(R.injectContext, { params: { id }, body: input })).message,
      requestHelp: async (id: string, reason?: string): Promise<SessionDto | CustomerSessionDto> => (await call(R.requestHelp, { params: { id }, body: reason ? { reason } : {} })).session,
      resolveHelp: async (id: string): Promise<SessionDto> => (await call(R.resolveHelp, { params: { id } })).session,
      close: async (id: string): Promise<SessionDto | CustomerSessionDto> => (await call(R.closeSession, { params: { id } })).session,
      /** `clientMessageId` makes a retry safe: the same id stores one whisper. */
      whisper: async (id: string, content: string, opts: { respond?: boolean; clientMessageId?: string } = {}): Promise<MessageDto> => (await call(R.whisper, { params: { id }, body: { content, ...opts } })).message,
      tell: async (id: string, content: string, opts: { clientMessageId?: string } = {}): Promise<MessageDto> => (await call(R.tell, { params: { id }, body: { content, ...opts } })).message,
      takeover: async (id: string): Promise<SessionDto> => (await call(R.takeover, { params: { id } })).session,
      release: async (id: string): Promise<SessionDto> => (await call(R.release, { params: { id } })).session,
      assign: async (id: string, operatorId: string): Promise<SessionDto> => (await call(R.assignSession, { params: { id }, body: { operatorId } })).session,
      /** CSAT, once per session. */
      rate: async (id: string, rating: number, comment?: string): Promise<SessionDto | CustomerSessionDto> =>
        (await call(R.rateSession, { params: { id }, body: comment ? { rating, comment } : { rating } })).session,
      requestCall: async (id: string, phone: string): Promise<CallDto> => (await call(R.requestCall, { params: { id }, body: { phone } })).call,
    },

    insights: insightsClient(call),

    connectWidget: (auth: WidgetAuth, socketOptions?: SocketConnectOptions) => connectWidget(baseUrl, auth, socketOptions),
    connectOperator: (token = options.token ?? '', socketOptions?: SocketConnectOptions) => connectOperator(baseUrl, token, socketOptions),
    connectEvents: (apiKey = options.token ?? '', socketOptions?: SocketConnectOptions) => connectEvents(baseUrl, apiKey, socketOptions),
  };
}

export type SwitchboardClient = ReturnType<typeof createSwitchboardClient>;

