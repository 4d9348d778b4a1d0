import { signatureHeader, WEBHOOK_HEADERS } from '../webhooks/webhook-signature';
import { EgressRefused, type EgressClient } from '../egress/egress-client';
import type { ToolOutcome } from './tool-outcome';

export interface HttpToolTarget {
  url: string;
  method: 'GET' | 'POST';
  timeoutMs: number;
}

/** Query parameters for a GET: strings as they are, anything else as JSON. */
function withQuery(url: string, args: Record<string, unknown>): URL {
  const target = new URL(url);
  for (const [key, value] of Object.entries(args)) {
    if (value === undefined || value === null) continue;
    target.searchParams.set(key, typeof value === 'string' ? value : JSON.stringify(value));
  }
  return target;
}

/** Reads at most `max` bytes of the body; null when there was more. */
async function readCapped(body: ReadableStream<Uint8Array> | null, max: number): Promise<string | null> {
  if (!body) return '';
  const reader = body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    parts.push(value);
  }
  return Buffer.concat(parts).toString('utf8');
}

/**
 * Calls an HTTP tool: the arguments as a JSON body (query parameters for GET), the tool call
 * id as `Idempotency-Key`, and — with a secret — the webhook signature scheme over
 * `${timestamp}.${body}` (for GET the body is the query string without `?`). Through the
 * egress policy; redirects are failures, so is an answer that is not JSON, an error status,
 * or one over `maxBytes`.
 */
export async function invokeHttpTool(egress: EgressClient, target: HttpToolTarget, args: Record<string, unknown>, opts: { secret?: string; toolCallId: string; maxBytes: number }): Promise<ToolOutcome> {
  const started = Date.now();
  const fail = (error: string, status: number | null = null): ToolOutcome => ({ ok: false, status, data: null, error, durationMs: Date.now() - started });
  const url = target.method === 'GET' ? withQuery(target.url, args) : new URL(target.url);
  const body = target.method === 'GET' ? '' : JSON.stringify(args);
  const timestamp = Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/json',
    'user-agent': 'Switchboard-Tools/1',
    'idempotency-key': opts.toolCallId,
  };
  if (opts.secret) {
    headers[WEBHOOK_HEADERS.timestamp] = String(timestamp);
    headers[WEBHOOK_HEADERS.signature] = signatureHeader(opts.secret, timestamp, target.method === 'GET' ? url.search.slice(1) : body);
  }
  try {
    const res = await egress.fetch(url, { method: target.method, headers, body: target.method === 'GET' ? undefined : body, signal: AbortSignal.timeout(target.timeoutMs) });
    if (res.status >= 300 && res.status < 400) {
      await res.body?.cancel().catch(() => undefined);
      return fail(`the tool answered with a redirect (HTTP ${res.status}); redirects are not followed`, res.status);
    }
    const text = await readCapped(res.body as ReadableStream<Uint8Array> | null, opts.maxBytes);
    if (text === null) return fail(`the answer was larger than ${opts.maxBytes} bytes`, res.status);
    if (!res.ok) return fail(`the tool answered HTTP ${res.status}${text ? `: ${text.slice(0, 200)}` : ''}`, res.status);
    let parsed: unknown;
    try {
      parsed = text.trim() ? JSON.parse(text) : null;
    } catch {
      return fail('the answer was not JSON', res.status);
    }
    return { ok: true, status: res.status, data: JSON.stringify(parsed), error: null, durationMs: Date.now() - started };
  } catch (err) {
    if (err instanceof EgressRefused) return fail(err.message);
    const name = (err as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError') return fail(`no answer within ${target.timeoutMs} ms`);
    const cause = (err as { cause?: { message?: string } }).cause?.message;
    return fail(`the request failed: ${cause ?? (err as Error).message}`);
  }
}
