/**
 * One generic REST call typed by a contract operation. Only the operation's method and path
 * exist at run time (`routeOf`, checked against the contract by the compiler): its zod schemas
 * are imported as types only, so no zod ships with the client.
 */
import type { z } from 'zod';
import type { AnyResponseOf, BodyInputOf, Operation, PathParams, QueryInputOf } from '../contract/operation';
import type { ErrorBody } from '../errors';
import { SwitchboardError } from './switchboard-error';

/** A contract operation as the client needs it at run time. */
export interface Route<O extends Operation> {
  readonly method: O['method'];
  readonly path: O['path'];
  /** Carries the operation's type only. */
  readonly operation?: O;
}
/** `routeOf<typeof contract.op>('post', '/v1/…')`: the compiler checks method and path against the operation. */
export const routeOf = <O extends Operation>(method: O['method'], path: O['path']): Route<O> => ({ method, path });

type ParamsPart<O extends Operation> = [keyof PathParams<O['path']>] extends [never] ? { params?: undefined } : { params: PathParams<O['path']> };
type QueryPart<O extends Operation> = O extends { query: z.ZodObject } ? { query?: QueryInputOf<O> } : { query?: undefined };
type BodyPart<O extends Operation> = O extends { body: z.ZodType } ? { body: BodyInputOf<O> } : { body?: undefined };
/** What a call sends: the path's parameters, the query and the body, each typed by the operation. */
export type CallInput<O extends Operation> = ParamsPart<O> & QueryPart<O> & BodyPart<O>;

export interface CallOptions {
  baseUrl: string;
  token?: string;
  fetch: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;
}

const enc = encodeURIComponent;

function queryString(query: object | undefined): string {
  const pairs: [string, string][] = [];
  for (const [k, v] of Object.entries(query ?? {})) if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') pairs.push([k, String(v)]);
  return pairs.length ? `?${new URLSearchParams(pairs).toString()}` : '';
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Makes the `call` of one client: errors become `SwitchboardError` (network failures: `network_error`, status 0). */
export function contractCaller(options: CallOptions) {
  return async function call<O extends Operation>(route: Route<O>, input: CallInput<O>): Promise<AnyResponseOf<O>> {
    // The parts' types were checked at the call site; here they are only sent.
    const { params = {}, query, body: given } = input as { params?: Record<string, string>; query?: object; body?: unknown };
    const path = route.path.replace(/\{(\w+)\}/g, (_m, name: string) => enc(params[name] ?? ''));
    // POSTs always carry a JSON body (the server parses `{}` for "nothing"); GET and DELETE none.
    const body = given !== undefined ? given : route.method === 'post' ? {} : undefined;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let res: Response;
    try {
      res = await options.fetch(`${options.baseUrl}${path}${queryString(query)}`, { method: route.method.toUpperCase(), headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (err) {
      throw new SwitchboardError({ code: 'network_error', message: err instanceof Error ? err.message : String(err) }, 0);
    }
    const text = await res.text();
    const parsed: unknown = text ? safeJson(text) : undefined;
    if (!res.ok) {
      const error = (parsed as { error?: ErrorBody } | undefined)?.error;
      throw new SwitchboardError(error ?? { code: 'internal', message: `HTTP ${res.status}` }, res.status);
    }
    return parsed as AnyResponseOf<O>;
  };
}
