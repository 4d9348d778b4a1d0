/**
 * The shape of one REST operation, declared once in `shared/src/contract/<area>.ts`. The
 * server mounts it (transport/http/contract-router.ts), the OpenAPI document describes it and
 * the typed client calls it — all from the same object, so its types come from its schemas.
 */
import type { z } from 'zod';

export type HttpMethod = 'get' | 'post' | 'patch' | 'delete';
/** Who may call: `public` (no credential), `signed` (HMAC header), or bearer credentials. */
export type Access = 'public' | 'signed' | 'staff' | 'admin' | 'operator' | 'staffOrCustomer';

export interface ResponseSpec {
  description: string;
  schema?: z.ZodType;
  /** Also answers as server-sent events with `Accept: text/event-stream`. */
  sse?: boolean;
}
export type Responses = Readonly<Record<number, ResponseSpec>>;

export interface Operation {
  readonly method: HttpMethod;
  /** OpenAPI style: `/v1/agents/{id}`. */
  readonly path: string;
  readonly tag: string;
  readonly summary: string;
  readonly access: Access;
  /** Parses the path parameters (e.g. `{id}` as an ObjectId); without it they stay strings. */
  readonly params?: z.ZodObject;
  /** Parsed strictly: a key it does not declare is 400 `invalid_request`. */
  readonly query?: z.ZodObject;
  readonly body?: z.ZodType;
  readonly responses: Responses;
  /** Error statuses beyond the ones implied by access, parameters and body (400/401/403/404/429). */
  readonly errors?: readonly number[];
}

/** Declares one operation; `const` keeps its literal path, statuses and schemas for the types below. */
export function defineOperation<const O extends Operation>(op: O): O {
  return op;
}

type ParamNames<P extends string> = P extends `${string}{${infer N}}${infer Rest}` ? N | ParamNames<Rest> : never;
/** `{id: string, toolCallId: string}` for `/v1/chat/sessions/{id}/tool-calls/{toolCallId}/approve`. */
export type PathParams<P extends string> = { [K in ParamNames<P>]: string };

/** The path's parameters as strings, with those `params` parses replaced by its output. */
export type ParamsOf<O extends Operation> = O extends { params: infer S extends z.ZodObject } ? Omit<PathParams<O['path']>, keyof z.output<S>> & z.output<S> : PathParams<O['path']>;
export type QueryOf<O extends Operation> = O extends { query: infer S extends z.ZodObject } ? z.output<S> : Record<string, never>;
/** The query as a caller writes it (before defaults and coercion). */
export type QueryInputOf<O extends Operation> = O extends { query: infer S extends z.ZodObject } ? z.input<S> : Record<string, never>;
export type BodyOf<O extends Operation> = O extends { body: infer S extends z.ZodType } ? z.output<S> : undefined;
export type BodyInputOf<O extends Operation> = O extends { body: infer S extends z.ZodType } ? z.input<S> : undefined;

type ResponsesOf<O extends Operation> = O['responses'];
/** The declared statuses as numbers (a spread of `ok()`/`created()` turns keys into strings). */
export type StatusOf<O extends Operation> = keyof ResponsesOf<O> extends infer K ? (K extends number ? K : K extends `${infer N extends number}` ? N : never) : never;
type SpecOf<O extends Operation, S extends number> = S extends keyof ResponsesOf<O> ? ResponsesOf<O>[S] : `${S}` extends keyof ResponsesOf<O> ? ResponsesOf<O>[`${S}`] : never;
export type SuccessStatus<O extends Operation> = Extract<StatusOf<O>, 200 | 201 | 202 | 204>;
/** What an answer with `status` carries (undefined for a schema-less one, e.g. 204). */
export type ResponseOf<O extends Operation, S extends number> = SpecOf<O, S> extends { schema: infer R extends z.ZodType } ? z.output<R> : undefined;
/** The status of a plain (non-`Reply`) answer: 201 if declared, else 200, else 204. */
export type DefaultStatus<O extends Operation> = 201 extends StatusOf<O> ? 201 : 200 extends StatusOf<O> ? 200 : 204;
/** Any success answer's body: what the typed client resolves to. */
export type AnyResponseOf<O extends Operation> = { [S in SuccessStatus<O>]: ResponseOf<O, S> }[SuccessStatus<O>];

/** The default status of an operation at run time (the same rule as `DefaultStatus`). */
export function defaultStatus(op: Operation): number {
  if (op.responses[201]) return 201;
  if (op.responses[200]) return 200;
  return 204;
}

/** An area's operations by name: the router, the document and the client all read these records. */
export function defineArea<const T extends Record<string, Operation>>(operations: T): T {
  return operations;
}
