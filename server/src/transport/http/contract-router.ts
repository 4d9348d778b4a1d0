/**
 * Mounts contract operations (shared/src/contract/) on Express: the path, the access rule,
 * the parsing of params, query and body, and the answer all come from the operation, so a
 * handler only calls a service and returns data typed by the operation's response schema.
 */
import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { BodyOf, DefaultStatus, Operation, ParamsOf, QueryOf, ResponseOf, SuccessStatus } from '../../../../shared/src/contract/operation';
import { defaultStatus } from '../../../../shared/src/contract/operation';
import { AppError } from '../../domain/app-error';
import { assertSessionAccess, principalOf, requireAdmin, requireStaff, type Principal } from './auth';
import { parse } from './validate';

type StaffPrincipal = Extract<Principal, { kind: 'apiKey' | 'operator' }>;
type OperatorPrincipal = Extract<Principal, { kind: 'operator' }>;
/** Who is calling, narrowed by the operation's access rule. */
export type PrincipalFor<O extends Operation> = O['access'] extends 'staff' | 'admin'
  ? StaffPrincipal
  : O['access'] extends 'operator'
    ? OperatorPrincipal
    : O['access'] extends 'staffOrCustomer'
      ? Principal
      : null;

export interface HandlerContext<O extends Operation> {
  params: ParamsOf<O>;
  query: QueryOf<O>;
  body: BodyOf<O>;
  principal: PrincipalFor<O>;
  /** `customer` when a customer token calls a `staffOrCustomer` operation: answer with the customer view. */
  audience: 'customer' | 'staff';
  /** The bytes as sent, for `signed` operations (the signature covers them); empty otherwise. */
  rawBody: Buffer;
  req: Request;
  res: Response;
}

/** An answer with a status other than the operation's default (e.g. 200 for a duplicate). */
export class Reply<S extends number, B> {
  constructor(
    readonly status: S,
    readonly body: B,
  ) {}
}
export const reply = <S extends number, B>(status: S, body: B): Reply<S, B> => new Reply(status, body);

/** The default status's body as is, or any declared success status wrapped in `reply()`. */
export type HandlerResult<O extends Operation> = (ResponseOf<O, DefaultStatus<O>> extends undefined ? void : ResponseOf<O, DefaultStatus<O>>) | { [S in SuccessStatus<O>]: Reply<S, ResponseOf<O, S>> }[SuccessStatus<O>];
export type Handler<O extends Operation> = (ctx: HandlerContext<O>) => Promise<HandlerResult<O>> | HandlerResult<O>;
/** For answers that are not one JSON body (server-sent events, files, text): the handler writes `res` itself. */
export type RawHandler<O extends Operation> = (ctx: HandlerContext<O>) => Promise<void> | void;

export interface ContractRouter {
  /** Mounts `op`; the handler's return value is the answer. `before` runs first (e.g. a raw body parser). */
  route<O extends Operation>(op: O, handler: Handler<O>, before?: RequestHandler[]): void;
  /** Mounts `op` with access and parsing done; the handler answers through `res`. */
  raw<O extends Operation>(op: O, handler: RawHandler<O>, before?: RequestHandler[]): void;
  /** The Express router, literal paths before parameterised ones; refuses an operation mounted twice. */
  build(): Router;
  /** What has been mounted (for the test that keeps the contract and the router in step). */
  readonly mounted: readonly Operation[];
}

const SESSION_PATH = '/v1/chat/sessions/{id}';

/** Every operation some router mounted in this process: the test that keeps the contract and the server in step reads it. */
const mountedOperations = new Set<Operation>();
export const allMountedOperations = (): ReadonlySet<Operation> => mountedOperations;

/** Checks `op.access` once; returns the principal and whose view the answer is. */
function checkAccess(op: Operation, res: Response, params: Record<string, unknown>): { principal: Principal | null; audience: 'customer' | 'staff' } {
  switch (op.access) {
    case 'public':
    case 'signed':
      return { principal: null, audience: 'staff' };
    case 'staff':
      return { principal: requireStaff(res), audience: 'staff' };
    case 'admin':
      requireAdmin(res);
      return { principal: requireStaff(res), audience: 'staff' };
    case 'operator': {
      const p = principalOf(res);
      if (p.kind !== 'operator') throw new AppError('forbidden', 'this needs an operator login token');
      return { principal: p, audience: 'staff' };
    }
    case 'staffOrCustomer': {
      // A customer token reaches only its own session; elsewhere (a file) the service checks the owner.
      const onSession = op.path === SESSION_PATH || op.path.startsWith(`${SESSION_PATH}/`);
      const audience = onSession ? assertSessionAccess(res, String(params.id)) : principalOf(res).kind === 'customer' ? 'customer' : 'staff';
      return { principal: principalOf(res), audience };
    }
  }
}

function parseParams(op: Operation, req: Request): Record<string, unknown> {
  const raw = Object.fromEntries(Object.entries(req.params).map(([k, v]) => [k, String(v)]));
  return op.params ? { ...raw, ...parse(op.params, raw, 'params') } : raw;
}

/** Access, then params, query and body, in the order the hand-written routes checked them. */
function contextOf<O extends Operation>(op: O, req: Request, res: Response): HandlerContext<O> {
  const sessionScoped = op.access === 'staffOrCustomer';
  const early = sessionScoped ? null : checkAccess(op, res, {});
  const params = parseParams(op, req);
  const { principal, audience } = early ?? checkAccess(op, res, params);
  const query = op.query ? parse(op.query, req.query, 'query') : {};
  const rawBody = op.access === 'signed' && Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  const body = op.body ? parse(op.body, op.access === 'signed' ? jsonOf(rawBody) : req.body) : undefined;
  return { params, query, body, principal, audience, rawBody, req, res } as HandlerContext<O>;
}

/** A signed operation's body as JSON, or undefined (then the schema names what is missing). */
function jsonOf(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** A router for operations whose paths start with `prefix` (where the router is mounted). */
export function contractRouter(prefix = ''): ContractRouter {
  const entries: { op: Operation; handle: (req: Request, res: Response) => Promise<void>; before: RequestHandler[] }[] = [];
  const add = (op: Operation, handle: (req: Request, res: Response) => Promise<void>, before: RequestHandler[] = []) => {
    if (!op.path.startsWith(prefix)) throw new Error(`${op.path} is not under ${prefix}`);
    entries.push({ op, handle, before });
  };
  return {
    route(op, handler, before) {
      add(op, async (req, res) => {
        const result: unknown = await handler(contextOf(op, req, res));
        const { status, body } = result instanceof Reply ? result : { status: defaultStatus(op), body: result };
        if (body === undefined) res.status(status).end();
        else res.status(status).json(body);
      }, before);
    },
    raw(op, handler, before) {
      add(op, async (req, res) => handler(contextOf(op, req, res)), before);
    },
    build() {
      const router = Router();
      const seen = new Set<string>();
      const paramCount = (op: Operation) => (op.path.match(/\{/g) ?? []).length;
      for (const { op, handle, before } of [...entries].sort((a, b) => paramCount(a.op) - paramCount(b.op))) {
        const key = `${op.method} ${op.path}`;
        if (seen.has(key)) throw new Error(`${key} is mounted twice`);
        seen.add(key);
        mountedOperations.add(op);
        router[op.method](op.path.slice(prefix.length).replace(/\{(\w+)\}/g, ':$1'), ...before, handle);
      }
      return router;
    },
    get mounted() {
      return entries.map((e) => e.op);
    },
  };
}
