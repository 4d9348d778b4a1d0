/**
 * The session log's filters, kept in the URL query so a view can be bookmarked and shared,
 * and the client-side rules that keep a live list consistent with them. Pure: no DOM.
 */
import type { SessionDto, SessionFilters, SessionMode, SessionStatus } from '../../../shared/src/contract/types';
import { awaitingReply } from './awaiting-reply';

const STATUSES: readonly SessionStatus[] = ['active', 'dormant', 'closed'];
const MODES: readonly SessionMode[] = ['ai', 'support'];
/** As the server validates it (SPEC §10). */
const CHANNEL = /^[a-z0-9_-]{1,32}$/;
/** Query keys in the order they are written, so equal filters give equal URLs. */
const KEYS = ['agentId', 'status', 'mode', 'customerIdPrefix', 'q', 'helpRequested', 'approvalPending', 'fieldsComplete', 'assignedTo', 'awaitingReply', 'order', 'channel'] as const;

/** The URL names a filter by: the customer search box is `?customerId=` in the address bar, a prefix to the server. */
const URL_KEY: Partial<Record<(typeof KEYS)[number], string>> = { customerIdPrefix: 'customerId' };

/** The inbox of AI actions waiting for a person's approval. */
export const APPROVAL_INBOX_QUERY = '?approvalPending=true';

function parseBoolean(value: string | null): boolean | undefined {
  return value === 'true' || value === 'false' ? value === 'true' : undefined;
}

function isOneOf<T extends string>(values: readonly T[], value: string | null): value is T {
  return value !== null && (values as readonly string[]).includes(value);
}

function clean(value: string | null): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** Reads filters from a query string (`?status=active&helpRequested=true`); unknown values are dropped. */
export function parseFilters(search: string | URLSearchParams): SessionFilters {
  const q = typeof search === 'string' ? new URLSearchParams(search) : search;
  const filters: SessionFilters = {};
  const agentId = clean(q.get('agentId'));
  if (agentId) filters.agentId = agentId;
  const status = q.get('status');
  if (isOneOf(STATUSES, status)) filters.status = status;
  const mode = q.get('mode');
  if (isOneOf(MODES, mode)) filters.mode = mode;
  const customerId = clean(q.get('customerId'));
  if (customerId) filters.customerIdPrefix = customerId;
  const text = clean(q.get('q'));
  if (text) filters.q = text.slice(0, 200);
  const help = q.get('helpRequested');
  if (help === 'true' || help === 'false') filters.helpRequested = help === 'true';
  const assignedTo = clean(q.get('assignedTo'));
  if (assignedTo) filters.assignedTo = assignedTo;
  const awaiting = q.get('awaitingReply');
  if (awaiting === 'true' || awaiting === 'false') filters.awaitingReply = awaiting === 'true';
  if (q.get('order') === 'waiting') filters.order = 'waiting';
  const approval = parseBoolean(q.get('approvalPending'));
  if (approval !== undefined) filters.approvalPending = approval;
  const complete = parseBoolean(q.get('fieldsComplete'));
  if (complete !== undefined) filters.fieldsComplete = complete;
  const channel = q.get('channel');
  if (channel && CHANNEL.test(channel)) filters.channel = channel;
  return filters;
}

/** Writes filters as a query string with a leading `?`, or `''` when there are none. */
export function filtersToQuery(filters: SessionFilters): string {
  const q = new URLSearchParams();
  for (const key of KEYS) {
    const value = filters[key];
    if (value === undefined || value === '') continue;
    q.set(URL_KEY[key] ?? key, String(value));
  }
  const text = q.toString();
  return text ? `?${text}` : '';
}

/** Whether a session belongs in a list shown with these filters (the server's rules, replayed). */
export function matchesFilters(session: SessionDto, filters: SessionFilters): boolean {
  if (filters.agentId !== undefined && session.agentId !== filters.agentId) return false;
  if (filters.status !== undefined && session.status !== filters.status) return false;
  if (filters.mode !== undefined && session.mode !== filters.mode) return false;
  if (filters.customerId !== undefined && session.customerId !== filters.customerId) return false;
  if (filters.customerIdPrefix !== undefined && !session.customerId.toLowerCase().startsWith(filters.customerIdPrefix.toLowerCase())) return false;
  if (filters.helpRequested !== undefined && session.helpRequested !== filters.helpRequested) return false;
  if (filters.awaitingReply !== undefined && awaitingReply(session) !== filters.awaitingReply) return false;
  if (filters.approvalPending !== undefined && session.approvalPending !== filters.approvalPending) return false;
  if (filters.fieldsComplete !== undefined && session.fieldsComplete !== filters.fieldsComplete) return false;
  if (filters.order === 'waiting' && !session.helpRequestedAt) return false;
  if (filters.channel !== undefined && session.channel !== filters.channel) return false;
  if (filters.assignedTo !== undefined) {
    const wanted = filters.assignedTo === 'none' ? null : filters.assignedTo;
    if (session.assignedTo !== wanted) return false;
  }
  return true;
}

/** When a session last saw activity: its last message, else its creation. */
export function lastActivity(session: SessionDto): string {
  return session.lastMessageAt ?? session.createdAt;
}

function byActivityDesc(a: SessionDto, b: SessionDto): number {
  const diff = Date.parse(lastActivity(b)) - Date.parse(lastActivity(a));
  return diff !== 0 ? diff : b.id.localeCompare(a.id);
}

/** The inbox's order: the help request waiting longest first. */
function byWaitingAsc(a: SessionDto, b: SessionDto): number {
  const diff = Date.parse(a.helpRequestedAt ?? '') - Date.parse(b.helpRequestedAt ?? '');
  return diff !== 0 && Number.isFinite(diff) ? diff : a.id.localeCompare(b.id);
}

const orderFor = (filters: SessionFilters) => (filters.order === 'waiting' ? byWaitingAsc : byActivityDesc);

/**
 * Applies a live `session:created`/`session:updated`: insert, replace or remove, newest activity
 * first. A message search (`q`) is the server's to answer: under one, changes update the sessions
 * it found and add none.
 */
export function applySessionChange(list: SessionDto[], session: SessionDto, filters: SessionFilters): SessionDto[] {
  if (filters.q !== undefined && !list.some((s) => s.id === session.id)) return list;
  const rest = list.filter((s) => s.id !== session.id);
  if (!matchesFilters(session, filters)) return rest.length === list.length ? list : rest;
  const current = list.find((s) => s.id === session.id);
  // An out-of-order (older) update must not overwrite a newer one.
  if (current && Date.parse(current.updatedAt) > Date.parse(session.updatedAt)) return list;
  return [...rest, session].sort(orderFor(filters));
}

/** Appends a further page, dropping sessions already shown (live inserts can overlap a page). */
export function appendPage(list: SessionDto[], page: SessionDto[], filters: SessionFilters = {}): SessionDto[] {
  const seen = new Set(list.map((s) => s.id));
  return [...list, ...page.filter((s) => !seen.has(s.id))].sort(orderFor(filters));
}

/** True when no filter is set. */
export function hasFilters(filters: SessionFilters): boolean {
  return filtersToQuery(filters) !== '';
}

/** Orders a list as the filters ask: newest activity first, or the inbox's longest waiting first. */
export function sortSessions(list: SessionDto[], filters: SessionFilters = {}): SessionDto[] {
  return [...list].sort(orderFor(filters));
}
