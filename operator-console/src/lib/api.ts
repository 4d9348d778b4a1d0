/**
 * The typed REST client: one `request()` that adds the token, parses JSON and turns every
 * failure (HTTP error body, network down) into an `ApiError`. Endpoint helpers below it.
 */
import type { z } from 'zod';
import type {
  AgentDto,
  ApiKeyDto,
  AttachmentDto,
  CannedReplyDto,
  MessageDto,
  OperatorDto,
  OperatorRole,
  OperatorStatus,
  SessionFilters,
  SessionDto,
  SessionPage,
  SessionStats,
} from '../../../shared/src/dto';
import type { ErrorBody, ErrorCode } from '../../../shared/src/errors';
import type { agentCreateSchema, agentPatchSchema } from '../../../shared/src/schemas';
import { filtersToQuery } from './session-filters';

/** What the agent form sends (the server's own schema, as a type only: no zod in the bundle). */
export type AgentInput = z.input<typeof agentCreateSchema>;
export type AgentPatch = z.input<typeof agentPatchSchema>;
export interface KnowledgeBaseSummary {
  id: string;
  name: string;
  description?: string;
  documentCount: number;
}

export const TOKEN_KEY = 'switchboard:console:token';

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode | 'network',
    message: string,
    readonly status: number,
    readonly field?: string,
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** A readable line for any error thrown at the UI. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) {
    const where = err.field ? ` (${err.field})` : '';
    const wait = err.retryAfter ? ` Try again in ${err.retryAfter} s.` : '';
    return `${err.message}${where}${wait}`;
  }
  return err instanceof Error ? err.message : 'Something went wrong';
}

export const tokenStore = {
  get: (): string | null => window.localStorage.getItem(TOKEN_KEY),
  set: (token: string): void => window.localStorage.setItem(TOKEN_KEY, token),
  clear: (): void => window.localStorage.removeItem(TOKEN_KEY),
};

let onUnauthorized: () => void = () => undefined;
/** Called when a request with a token comes back 401: the session has expired. */
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

function isErrorBody(value: unknown): value is { error: ErrorBody } {
  return typeof value === 'object' && value !== null && 'error' in value && typeof value.error === 'object';
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null; // not JSON (a proxy's HTML error page): handled by status below
  }
}

/** Sends one JSON request to the API; resolves with the parsed body or throws `ApiError`. */
export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const token = tokenStore.get();
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError('network', 'Cannot reach the server. Check your connection.', 0);
  }
  const data = parseJson(await res.text());
  if (!res.ok) {
    if (res.status === 401 && token) onUnauthorized();
    if (isErrorBody(data)) {
      const e = data.error;
      throw new ApiError(e.code, e.message, res.status, e.field, e.retryAfter);
    }
    throw new ApiError('internal', `The server answered ${res.status}`, res.status);
  }
  return data as T;
}

const enc = encodeURIComponent;

export const api = {
  login: (email: string, password: string) =>
    request<{ token: string; operator: OperatorDto }>('POST', '/v1/auth/login', { email, password }),
  me: () => request<{ operator: OperatorDto }>('GET', '/v1/auth/me'),
  setMyStatus: (status: OperatorStatus) => request<{ operator: OperatorDto }>('PATCH', '/v1/auth/me', { status }),

  listAgents: () => request<{ agents: AgentDto[] }>('GET', '/v1/agents'),
  getAgent: (id: string) => request<{ agent: AgentDto }>('GET', `/v1/agents/${enc(id)}`),
  createAgent: (input: AgentInput) => request<{ agent: AgentDto }>('POST', '/v1/agents', input),
  updateAgent: (id: string, patch: AgentPatch) => request<{ agent: AgentDto }>('PATCH', `/v1/agents/${enc(id)}`, patch),
  deleteAgent: (id: string) => request<unknown>('DELETE', `/v1/agents/${enc(id)}`),
  listKnowledgeBases: () => request<{ knowledgeBases: KnowledgeBaseSummary[] }>('GET', '/v1/knowledge-bases'),

  listOperators: () => request<{ operators: OperatorDto[] }>('GET', '/v1/operators'),
  createOperator: (input: { email: string; name: string; password: string; role: OperatorRole }) =>
    request<{ operator: OperatorDto }>('POST', '/v1/operators', input),
  deleteOperator: (id: string) => request<unknown>('DELETE', `/v1/operators/${enc(id)}`),

  listApiKeys: () => request<{ apiKeys: ApiKeyDto[] }>('GET', '/v1/api-keys'),
  createApiKey: (name: string) => request<{ apiKey: ApiKeyDto; key: string }>('POST', '/v1/api-keys', { name }),
  revokeApiKey: (id: string) => request<unknown>('DELETE', `/v1/api-keys/${enc(id)}`),

  listSessions: (filters: SessionFilters, cursor: string | null, limit: number) => {
    const q = new URLSearchParams(filtersToQuery(filters));
    q.set('limit', String(limit));
    if (cursor) q.set('cursor', cursor);
    return request<SessionPage>('GET', `/v1/chat/sessions?${q.toString()}`);
  },
  sessionStats: (filters: SessionFilters) => request<SessionStats>('GET', `/v1/chat/sessions/stats${filtersToQuery(filters)}`),
  messagesAfter: (sessionId: string, afterSeq: number, limit: number) =>
    request<{ messages: MessageDto[] }>('GET', `/v1/chat/sessions/${enc(sessionId)}/messages?afterSeq=${afterSeq}&limit=${limit}`),

  assignSession: (sessionId: string, operatorId: string) => request<{ session: SessionDto }>('POST', `/v1/chat/sessions/${enc(sessionId)}/assign`, { operatorId }),
  listCannedReplies: (agentId: string) => request<{ cannedReplies: CannedReplyDto[] }>('GET', `/v1/agents/${enc(agentId)}/canned-replies`),
  createCannedReply: (agentId: string, input: { shortcut: string; text: string }) =>
    request<{ cannedReply: CannedReplyDto }>('POST', `/v1/agents/${enc(agentId)}/canned-replies`, input),
  deleteCannedReply: (agentId: string, id: string) => request<unknown>('DELETE', `/v1/agents/${enc(agentId)}/canned-replies/${enc(id)}`),
  renderCannedReply: (sessionId: string, replyId: string) =>
    request<{ text: string }>('GET', `/v1/chat/sessions/${enc(sessionId)}/canned-replies/${enc(replyId)}/render`),
};

/** GETs a protected file with the login token (an <img> or <a> cannot send a bearer header). */
export async function fetchBlob(path: string): Promise<Blob> {
  const token = tokenStore.get();
  let res: Response;
  try {
    res = await fetch(path, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  } catch {
    throw new ApiError('network', 'Cannot reach the server. Check your connection.', 0);
  }
  if (!res.ok) throw new ApiError(res.status === 404 ? 'not_found' : 'forbidden', `The server answered ${res.status}`, res.status);
  return res.blob();
}

/** Uploads one file into a session as a message from this operator. */
export async function uploadAttachment(sessionId: string, file: File): Promise<{ attachment: AttachmentDto; message: MessageDto }> {
  const form = new FormData();
  form.append('file', file, file.name);
  const token = tokenStore.get();
  const res = await fetch(`/v1/chat/sessions/${enc(sessionId)}/attachments`, { method: 'POST', headers: token ? { Authorization: `Bearer ${token}` } : {}, body: form });
  const data = parseJson(await res.text());
  if (!res.ok) {
    if (isErrorBody(data)) throw new ApiError(data.error.code, data.error.message, res.status, data.error.field);
    throw new ApiError('internal', `The server answered ${res.status}`, res.status);
  }
  return data as { attachment: AttachmentDto; message: MessageDto };
}

/** Saves a blob under `filename` through a temporary object URL. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
