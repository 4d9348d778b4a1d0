import type { z } from 'zod';
import { AppError } from '../domain/app-error';

/** Parses untrusted input; the first problem becomes `invalid_request` naming the field. */
export function parse<S extends z.ZodType>(schema: S, value: unknown, where = 'body'): z.output<S> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue && issue.path.length ? issue.path.join('.') : where;
  throw new AppError('invalid_request', `${field}: ${issue?.message ?? 'is invalid'}`, { field });
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Finds a key that could smuggle a MongoDB operator or pollute a prototype anywhere in a
 * parsed payload. Returns its path, or null.
 */
export function findUnsafeKey(value: unknown, path = '', depth = 0): string | null {
  if (depth > 32) return path || 'body';
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findUnsafeKey(value[i], `${path}[${i}]`, depth + 1);
      if (hit) return hit;
    }
    return null;
  }
  if (value === null || typeof value !== 'object') return null;
  for (const key of Object.keys(value)) {
    const here = path ? `${path}.${key}` : key;
    if (key.startsWith('$') || FORBIDDEN_KEYS.has(key) || key.includes('\0')) return here;
    const hit = findUnsafeKey((value as Record<string, unknown>)[key], here, depth + 1);
    if (hit) return hit;
  }
  return null;
}

export function assertSafeKeys(value: unknown): void {
  const bad = findUnsafeKey(value);
  if (bad) throw new AppError('invalid_request', `${bad}: keys starting with "$" and prototype keys are not allowed`, { field: bad });
}
