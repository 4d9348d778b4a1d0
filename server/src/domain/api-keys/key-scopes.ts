import type { ApiKeyScope } from '../../../../shared/src/api-key-scopes';
import { AppError } from '../app-error';

type Method = string;

/**
 * The one owner of "which scope lets an API key make this request" — any one of the scopes
 * returned will do (`admin` always does). Reading sessions is allowed by either session scope;
 * an agent's configuration can be read by whoever drives its sessions, but only `agents:write`
 * reads its identity secret or changes it. A path this does not know needs `admin` (closed by default).
 */
export function scopesFor(method: Method, path: string): ApiKeyScope[] {
  const read = method === 'GET' || method === 'HEAD';
  const under = (prefix: string) => path === prefix || path.startsWith(`${prefix}/`);
  if (under('/v1/chat/sessions') || under('/v1/attachments')) return read ? ['sessions:read', 'sessions:write'] : ['sessions:write'];
  if (/^\/v1\/agents\/[^/]+\/canned-replies/.test(path)) return read ? ['sessions:read', 'sessions:write', 'agents:write'] : ['agents:write'];
  if (/^\/v1\/agents\/[^/]+\/identity-secret/.test(path)) return ['agents:write'];
  if (under('/v1/agents')) return read ? ['agents:write', 'sessions:read', 'sessions:write'] : ['agents:write'];
  if (under('/v1/knowledge-bases')) return read ? ['knowledge:write', 'agents:write'] : ['knowledge:write'];
  if (under('/v1/webhooks')) return ['webhooks:write'];
  // Insights are figures about sessions; accepting a prompt suggestion changes an agent.
  if (/^\/v1\/insights\/prompt-suggestions\/[^/]+\/(accept|dismiss)$/.test(path)) return ['agents:write'];
  if (under('/v1/insights')) return read ? ['sessions:read', 'sessions:write', 'agents:write'] : ['sessions:write', 'agents:write'];
  return ['admin'];
}

/** Refuses a key lacking every scope that would allow the request: 403 `insufficient_scope` naming the one to add. */
export function assertScope(granted: readonly ApiKeyScope[], needed: readonly ApiKeyScope[]): void {
  if (granted.includes('admin') || needed.some((s) => granted.includes(s))) return;
  const name = needed[0] ?? 'admin';
  throw new AppError('insufficient_scope', `this API key lacks the scope "${name}"${needed.length > 1 ? ` (or one of ${needed.slice(1).map((s) => `"${s}"`).join(', ')})` : ''}`, { scope: name });
}
