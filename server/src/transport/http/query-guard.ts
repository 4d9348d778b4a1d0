import type { RequestHandler } from 'express';
import type { z } from 'zod';
import { AppError } from '../../domain/app-error';
import type { Operation } from '../../../../shared/src/contract/operation';

interface Matcher {
  method: string;
  pattern: RegExp;
  allowed: Set<string>;
}

const matcherOf = (op: Operation): Matcher => ({
  method: op.method.toUpperCase(),
  pattern: new RegExp(`^${op.path.replace(/\{[^}]+\}/g, '[^/]+')}/?$`),
  allowed: new Set(Object.keys((op.query as z.ZodObject | undefined)?.shape ?? {})),
});

/**
 * One owner for the rule "a query parameter the API does not know is an error": a request to
 * a documented operation carrying a parameter its contract does not declare (a typo, `?nonsense=1`,
 * or an operator smuggled as `customerId[$ne]=x`) is 400 `invalid_request` naming it, instead of
 * being dropped and answered as if it were not there. The declared ones are parsed by each
 * route with the same schema (see validate.ts).
 */
export function queryGuard(operations: readonly Operation[]): RequestHandler {
  // Literal paths before parameterised ones: `/sessions/stats` is not `/sessions/{id}`.
  const params = (op: Operation) => (op.path.match(/\{/g) ?? []).length;
  const matchers = [...operations].sort((a, b) => params(a) - params(b)).map(matcherOf);
  return (req, _res, next) => {
    const keys = Object.keys(req.query as Record<string, unknown>);
    if (keys.length === 0) return next();
    const op = matchers.find((m) => (m.method === req.method || (req.method === 'HEAD' && m.method === 'GET')) && m.pattern.test(req.path));
    if (!op) return next();
    const unknown = keys.find((k) => !op.allowed.has(k));
    if (unknown !== undefined) throw new AppError('invalid_request', `${unknown}: is not a query parameter of ${req.method} ${req.baseUrl}${req.path}`, { field: unknown });
    next();
  };
}
