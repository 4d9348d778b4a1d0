/**
 * The console's REST calls, made through the shared typed client (shared/src/client) with the
 * stored login token; every failure is a `SwitchboardError` (shared/src/protocol). Binary up/downloads are here too.
 */
import type { ApiKeyScope } from '../../../shared/src/api-key-scopes';
import type { z } from 'zod';
import type {
  AgentDto,
  AttachmentDto,
  DomainEventType,
  McpServerDto,
  MessageDto,
  OperatorRole,
  OperatorStatus,
  SessionFilters,
  SessionPage,
  SessionStats,
} from '../../../shared/src/contract/types';
import type { ErrorBody } from '../../../shared/src/errors';
import type { agentCreateSchema, agentPatchSchema } from '../../../shared/src/schemas';
import { createSwitchboardClient, SwitchboardError, type SwitchboardClient } from '../../../shared/src/client';

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

/** A readable line for any error thrown at the UI. */
export function errorMessage(err: unknown): string {
  if (err instanceof SwitchboardError) {
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

type Client = SwitchboardClient;

/**
 * Runs one call of the shared typed client (shared/src/client) with the stored login token,
 * rewording a network failure and signing out on an expired token.
 */
export async function call<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const token = tokenStore.get();
  try {
    return await fn(createSwitchboardClient({ baseUrl: '', token: token ?? undefined }));
  } catch (err) {
    if (!(err instanceof SwitchboardError)) throw err;
    if (err.status === 401 && token) onUnauthorized();
    if (err.code === 'network_error' || err.code === 'timeout') throw new SwitchboardError({ code: 'network_error', message: 'Cannot reach the server. Check your connection.' }, 0);
    throw err;
  }
}

const enc = encodeURIComponent;

export const api = {
  login: (email: string, password: string) => call((c) => c.auth.login(email, password)),
  me: () => call(async (c) => ({ operator: await c.auth.me() })),
  setMyStatus: (status: OperatorStatus) => call(async (c) => ({ operator: await c.auth.updateMe({ status }) })),

  listAgents: () => call(async (c) => ({ agents: await c.agents.list() })),
  getAgent: (id: string) => call(async (c) => ({ agent: await c.agents.get(id) })),
  createAgent: (input: AgentInput) => call(async (c) => ({ agent: await c.agents.create(input) })),
  updateAgent: (id: string, patch: AgentPatch) => call(async (c) => ({ agent: await c.agents.update(id, patch) })),
  deleteAgent: (id: string) => call((c) => c.agents.delete(id)),
  identitySecret: (id: string) => call((c) => c.agents.identitySecret(id)),
  rotateIdentitySecret: (id: string) => call((c) => c.agents.rotateIdentitySecret(id)),
  listKnowledgeBases: () => call(async (c): Promise<{ knowledgeBases: KnowledgeBaseSummary[] }> => ({ knowledgeBases: await c.knowledgeBases.list() })),

  listOperators: () => call(async (c) => ({ operators: await c.operators.list() })),
  createOperator: (input: { email: string; name: string; password: string; role: OperatorRole }) => call(async (c) => ({ operator: await c.operators.create(input) })),
  deleteOperator: (id: string) => call((c) => c.operators.delete(id)),

  listApiKeys: () => call(async (c) => ({ apiKeys: await c.apiKeys.list() })),
  createApiKey: (name: string, scopes: ApiKeyScope[]) => call((c) => c.apiKeys.create(name, scopes)),
  revokeApiKey: (id: string) => call((c) => c.apiKeys.revoke(id)),

  listWebhooks: () => call(async (c) => ({ webhooks: await c.webhooks.list() })),
  createWebhook: (url: string, types: DomainEventType[]) => call((c) => c.webhooks.create({ url, types })),
  deleteWebhook: (id: string) => call((c) => c.webhooks.delete(id)),
  webhookDeliveries: (id: string) => call(async (c) => ({ deliveries: await c.webhooks.deliveries(id, { limit: 20 }) })),
  retryWebhookDelivery: (id: string, deliveryId: string) => call(async (c) => ({ delivery: await c.webhooks.retryDelivery(id, deliveryId) })),

  listSessions: (filters: SessionFilters, cursor: string | null, limit: number): Promise<SessionPage> =>
    call((c) => c.sessions.list({ ...filters, limit, cursor: cursor ?? undefined })),
  sessionStats: (filters: SessionFilters): Promise<SessionStats> => call((c) => c.sessions.stats(filters)),
  messagesAfter: (sessionId: string, afterSeq: number, limit: number) => call(async (c) => ({ messages: await c.sessions.messages(sessionId, { afterSeq, limit }) })),

  assignSession: (sessionId: string, operatorId: string) => call(async (c) => ({ session: await c.sessions.assign(sessionId, operatorId) })),
  listCannedReplies: (agentId: string) => call(async (c) => ({ cannedReplies: await c.cannedReplies.list(agentId) })),
  createCannedReply: (agentId: string, input: { shortcut: string; text: string }) => call(async (c) => ({ cannedReply: await c.cannedReplies.create(agentId, input) })),
  deleteCannedReply: (agentId: string, id: string) => call((c) => c.cannedReplies.delete(agentId, id)),
  renderCannedReply: (sessionId: string, replyId: string) => call(async (c) => ({ text: await c.cannedReplies.render(sessionId, replyId) })),
};

/** What `POST /v1/agents/:id/tools/:name/test` answers: the tool's HTTP status, its answer (an excerpt) and the time it took. */
export interface ToolTestResult {
  ok: boolean;
  status: number | null;
  durationMs: number;
  result: unknown;
}

/** POSTs JSON with the login token (routes the shared client does not cover yet); errors become `SwitchboardError`. */
async function postJson<T>(path: string, body: unknown): Promise<T> {
  const token = tokenStore.get();
  let res: Response;
  try {
    res = await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
  } catch {
    throw new SwitchboardError({ code: 'network_error', message: 'Cannot reach the server. Check your connection.' }, 0);
  }
  const data = parseJson(await res.text());
  if (!res.ok) {
    if (res.status === 401 && token) onUnauthorized();
    if (isErrorBody(data)) throw new SwitchboardError({ code: data.error.code, message: data.error.message, field: data.error.field }, res.status);
    throw new SwitchboardError({ code: 'internal', message: `The server answered ${res.status}` }, res.status);
  }
  return data as T;
}

/** Calls one of an agent's tools with sample arguments (admins), as the model would. */
export const testTool = (agentId: string, name: string, args: Record<string, unknown>): Promise<ToolTestResult> =>
  postJson(`/v1/agents/${enc(agentId)}/tools/${enc(name)}/test`, { arguments: args });

/** Lists the tools of the agent's MCP servers again; answers the agent with what they listed. */
export const refreshMcpServers = (agentId: string): Promise<{ agent?: AgentDto; mcpServers?: McpServerDto[] }> => postJson(`/v1/agents/${enc(agentId)}/mcp-servers/refresh`, {});

/** GETs a protected file with the login token (an <img> or <a> cannot send a bearer header). */
export async function fetchBlob(path: string): Promise<Blob> {
  const token = tokenStore.get();
  let res: Response;
  try {
    res = await fetch(path, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  } catch {
    throw new SwitchboardError({ code: 'network_error', message: 'Cannot reach the server. Check your connection.' }, 0);
  }
  if (!res.ok) throw new SwitchboardError({ code: res.status === 404 ? 'not_found' : 'forbidden', message: `The server answered ${res.status}` }, res.status);
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
    if (isErrorBody(data)) throw new SwitchboardError({ code: data.error.code, message: data.error.message, field: data.error.field }, res.status);
    throw new SwitchboardError({ code: 'internal', message: `The server answered ${res.status}` }, res.status);
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
