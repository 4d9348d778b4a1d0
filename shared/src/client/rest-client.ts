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
} from '../dto';
import type { ErrorBody } from '../errors';
import type { WidgetAuth } from '../events';
import type * as In from './inputs';
import { connectEvents, connectOperator, connectWidget, type SocketConnectOptions } from './sockets';
import { SwitchboardError } from './switchboard-error';
import { insightsClient } from './insights-client';

export interface SwitchboardClientOptions {
  /** Where the server answers, e.g. `https://chat.example.com`. */
  baseUrl: string;
  /** An API key (sk_…), an operator login token, or a customer token (cst_…). */
  token?: string;
  /** A fetch implementation (defaults to the global one). */
  fetch?: typeof fetch;
}

type Query = Record<string, string | number | boolean | undefined>;
export interface SentMessage {
  message: MessageDto;
  /** The AI's reply; null in support mode or for a duplicate send. */
  reply: MessageDto | null;
  duplicate: boolean;
}

const qs = (query: Query = {}): string => {
  const entries = Object.entries(query).filter((e): e is [string, string | number | boolean] => e[1] !== undefined);
  return entries.length ? `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString()}` : '';
};
const enc = encodeURIComponent;

/** A typed client for the Switchboard REST API and sockets; works in Node 18+ and browsers. */
export function createSwitchboardClient(options: SwitchboardClientOptions) {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));

  async function request<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let res: Response;
    try {
      res = await doFetch(`${baseUrl}${path}${qs(query)}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (err) {
      throw new SwitchboardError({ code: 'network_error', message: err instanceof Error ? err.message : String(err) }, 0);
    }
    const text = await res.text();
    const parsed: unknown = text ? safeJson(text) : undefined;
    if (!res.ok) {
      const error = (parsed as { error?: ErrorBody } | undefined)?.error;
      throw new SwitchboardError(error ?? { code: 'internal', message: `HTTP ${res.status}` }, res.status);
    }
    return parsed as T;
  }
  const get = <T>(path: string, query?: Query) => request<T>('GET', path, undefined, query);
  const post = <T>(path: string, body: unknown = {}) => request<T>('POST', path, body);
  const patch = <T>(path: string, body: unknown) => request<T>('PATCH', path, body);
  const del = <T = void>(path: string) => request<T>('DELETE', path);
  const session = (id: string) => `/v1/chat/sessions/${enc(id)}`;

  return {
    baseUrl,
    /** The same client with another credential. */
    withToken: (token: string) => createSwitchboardClient({ ...options, token }),

    auth: {
      login: (email: string, password: string) => post<{ token: string; operator: OperatorDto }>('/v1/auth/login', { email, password }),
      me: async () => (await get<{ operator: OperatorDto }>('/v1/auth/me')).operator,
      updateMe: async (input: In.MePatchInput) => (await patch<{ operator: OperatorDto }>('/v1/auth/me', input)).operator,
    },
    agents: {
      create: async (input: In.AgentCreateInput) => (await post<{ agent: AgentDto }>('/v1/agents', input)).agent,
      list: async () => (await get<{ agents: AgentDto[] }>('/v1/agents')).agents,
      get: async (id: string) => (await get<{ agent: AgentDto }>(`/v1/agents/${enc(id)}`)).agent,
      update: async (id: string, input: In.AgentPatchInput) => (await patch<{ agent: AgentDto }>(`/v1/agents/${enc(id)}`, input)).agent,
      delete: (id: string) => del(`/v1/agents/${enc(id)}`),
      /** The HMAC key of `data-customer-hash` (admins). */
      identitySecret: async (id: string) => (await get<{ identitySecret: string }>(`/v1/agents/${enc(id)}/identity-secret`)).identitySecret,
      /** Replaces it: hashes made with the old one stop verifying. */
      rotateIdentitySecret: async (id: string) => (await post<{ identitySecret: string }>(`/v1/agents/${enc(id)}/identity-secret`, {})).identitySecret,
    },
    cannedReplies: {
      create: async (agentId: string, input: { shortcut: string; text: string }) =>
        (await post<{ cannedReply: CannedReplyDto }>(`/v1/agents/${enc(agentId)}/canned-replies`, input)).cannedReply,
      list: async (agentId: string) => (await get<{ cannedReplies: CannedReplyDto[] }>(`/v1/agents/${enc(agentId)}/canned-replies`)).cannedReplies,
      delete: (agentId: string, replyId: string) => del(`/v1/agents/${enc(agentId)}/canned-replies/${enc(replyId)}`),
      /** The reply's text with `{{metadata.field}}` filled from the session. */
      render: async (sessionId: string, replyId: string) => (await get<{ text: string }>(`${session(sessionId)}/canned-replies/${enc(replyId)}/render`)).text,
    },
    knowledgeBases: {
      create: async (input: In.KnowledgeBaseCreateInput) => (await post<{ knowledgeBase: KnowledgeBaseDto }>('/v1/knowledge-bases', input)).knowledgeBase,
      list: async () => (await get<{ knowledgeBases: KnowledgeBaseDto[] }>('/v1/knowledge-bases')).knowledgeBases,
      addDocument: async (id: string, input: In.DocumentCreateInput) => (await post<{ document: KnowledgeDocumentDto }>(`/v1/knowledge-bases/${enc(id)}/documents`, input)).document,
    },
    operators: {
      create: async (input: In.OperatorCreateInput) => (await post<{ operator: OperatorDto }>('/v1/operators', input)).operator,
      list: async () => (await get<{ operators: OperatorDto[] }>('/v1/operators')).operators,
      update: async (id: string, input: In.OperatorPatchInput) => (await patch<{ operator: OperatorDto }>(`/v1/operators/${enc(id)}`, input)).operator,
      delete: (id: string) => del(`/v1/operators/${enc(id)}`),
    },
    apiKeys: {
      /** The `key` is returned only here, once. */
      /** Without `scopes` the key has full rights (`admin`). */
      create: (name: string, scopes?: ApiKeyScope[]) => post<{ apiKey: ApiKeyDto; key: string }>('/v1/api-keys', scopes ? { name, scopes } : { name }),
      list: async () => (await get<{ apiKeys: ApiKeyDto[] }>('/v1/api-keys')).apiKeys,
      revoke: (id: string) => del(`/v1/api-keys/${enc(id)}`),
    },
    webhooks: {
      /** The signing `secret` is returned only here, once (and as the Standard Webhooks libraries take it). */
      create: (input: In.WebhookCreateInput) => post<{ webhook: WebhookDto; secret: string; standardWebhooksSecret: string }>('/v1/webhooks', input),
      list: async () => (await get<{ webhooks: WebhookDto[] }>('/v1/webhooks')).webhooks,
      delete: (id: string) => del(`/v1/webhooks/${enc(id)}`),
      deliveries: async (id: string, query: { status?: WebhookDeliveryStatus; limit?: number } = {}) =>
        (await get<{ deliveries: WebhookDeliveryDto[] }>(`/v1/webhooks/${enc(id)}/deliveries`, query)).deliveries,
      /** Sends a failed delivery once more, now (409 `conflict` unless it has failed). */
      retryDelivery: async (id: string, deliveryId: string) =>
        (await post<{ delivery: WebhookDeliveryDto }>(`/v1/webhooks/${enc(id)}/deliveries/${enc(deliveryId)}/retry`, {})).delivery,
    },
    customers: {
      memory: async (customerId: string) => (await get<{ memories: CustomerMemoryDto[] }>(`/v1/customers/${enc(customerId)}/memory`)).memories,
      eraseMemory: async (customerId: string) => (await del<{ erased: number }>(`/v1/customers/${enc(customerId)}/memory`)).erased,
      /** Everything kept about the customer, across every agent. */
      export: (customerId: string) => get<CustomerExportDto>(`/v1/customers/${enc(customerId)}/export`),
      /** Erases every session, message, file and call of the customer, and their memory. */
      erase: async (customerId: string) => (await del<{ erased: CustomerErasureDto }>(`/v1/customers/${enc(customerId)}`)).erased,
    },
    sessions: {
      /** With `reuse: "open"` the customer's open session may come back (`reused: true`, no `customerToken`: only its hash is stored). */
      create: <I extends In.SessionCreateInput>(input: I) =>
        post<I extends { reuse: 'open' } ? { session: SessionDto; customerToken?: string; reused: boolean } : { session: SessionDto; customerToken: string; reused: false }>('/v1/chat/sessions', input),
      list: (query: SessionFilters & { limit?: number; cursor?: string } = {}) => get<SessionPage>('/v1/chat/sessions', { ...query }),
      stats: (filters: SessionFilters = {}) => get<SessionStats>('/v1/chat/sessions/stats', { ...filters }),
      /** The staff view, or the customer view with a customer token. */
      get: async (id: string) => (await get<{ session: SessionDto | CustomerSessionDto }>(session(id))).session,
      updateMetadata: async (id: string, metadata: Record<string, unknown>) => (await patch<{ session: SessionDto }>(session(id), { metadata })).session,
      messages: async (id: string, query: { afterSeq?: number; limit?: number } = {}) => (await get<{ messages: MessageDto[] }>(`${session(id)}/messages`, query)).messages,
      /** A customer message; resolves once the AI reply is complete (reply null in support mode). */
      sendMessage: (id: string, input: In.MessageSendInput) => post<SentMessage>(`${session(id)}/messages`, input),
      injectContext: async (id: string, input: In.ContextInput) => (await post<{ message: MessageDto }>(`${session(id)}/context`, input)).message,
      requestHelp: async (id: string, reason?: string) => (await post<{ session: SessionDto | CustomerSessionDto }>(`${session(id)}/help`, reason ? { reason } : {})).session,
      resolveHelp: async (id: string) => (await del<{ session: SessionDto }>(`${session(id)}/help`)).session,
      close: async (id: string) => (await post<{ session: SessionDto | CustomerSessionDto }>(`${session(id)}/close`)).session,
      /** `clientMessageId` makes a retry safe: the same id stores one whisper. */
      whisper: async (id: string, content: string, opts: { respond?: boolean; clientMessageId?: string } = {}) => (await post<{ message: MessageDto }>(`${session(id)}/whisper`, { content, ...opts })).message,
      tell: async (id: string, content: string, opts: { clientMessageId?: string } = {}) => (await post<{ message: MessageDto }>(`${session(id)}/tell`, { content, ...opts })).message,
      takeover: async (id: string) => (await post<{ session: SessionDto }>(`${session(id)}/takeover`)).session,
      release: async (id: string) => (await post<{ session: SessionDto }>(`${session(id)}/release`)).session,
      assign: async (id: string, operatorId: string) => (await post<{ session: SessionDto }>(`${session(id)}/assign`, { operatorId })).session,
      /** CSAT, once per session. */
      rate: async (id: string, rating: number, comment?: string) =>
        (await post<{ session: SessionDto | CustomerSessionDto }>(`${session(id)}/csat`, comment ? { rating, comment } : { rating })).session,
      requestCall: async (id: string, phone: string) => (await post<{ call: CallDto }>(`${session(id)}/calls`, { phone })).call,
    },

    insights: insightsClient(get, post),

    connectWidget: (auth: WidgetAuth, socketOptions?: SocketConnectOptions) => connectWidget(baseUrl, auth, socketOptions),
    connectOperator: (token = options.token ?? '', socketOptions?: SocketConnectOptions) => connectOperator(baseUrl, token, socketOptions),
    connectEvents: (apiKey = options.token ?? '', socketOptions?: SocketConnectOptions) => connectEvents(baseUrl, apiKey, socketOptions),
  };
}

export type SwitchboardClient = ReturnType<typeof createSwitchboardClient>;

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
