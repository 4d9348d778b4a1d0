import type { LeadFieldDto, LeadFieldValue } from '../../../../shared/src/contract/types';
import { checkLeadValue, LEAD_PROBLEM_TEXT } from '../../../../shared/src/lead-values';

/** One value that was not stored, and why (worded for the model and for `invalid_request`). */
export interface FieldProblem {
  key: string;
  label: string | null;
  reason: string;
}

export interface CheckedValues {
  /** Normalised values to store, by key. */
  set: Record<string, LeadFieldValue>;
  /** Keys to clear (staff only). */
  clear: string[];
  problems: FieldProblem[];
}

export interface CheckOptions {
  /** null clears a field (staff); otherwise null is a problem. */
  allowClear?: boolean;
  /** null and blank strings mean "not given" (the model fills optional parameters with them). */
  skipBlank?: boolean;
  /** Which fields this writer may set; the others are a problem worded by `notAllowed`. */
  allowed?: (field: LeadFieldDto) => boolean;
  notAllowed?: string;
}

const isBlank = (v: unknown): boolean => v === null || v === undefined || (typeof v === 'string' && !v.trim());

/** Checks values given by key against the agent's fields: what to store, what to clear, what was wrong. */
export function checkValues(fields: LeadFieldDto[], raw: Record<string, unknown>, opts: CheckOptions = {}): CheckedValues {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const out: CheckedValues = { set: {}, clear: [], problems: [] };
  for (const [key, value] of Object.entries(raw)) {
    const field = byKey.get(key);
    if (!field) {
      out.problems.push({ key, label: null, reason: 'is not a field of this agent' });
      continue;
    }
    if (opts.allowed && !opts.allowed(field)) {
      out.problems.push({ key, label: field.label, reason: opts.notAllowed ?? 'may not be set here' });
      continue;
    }
    if (value === null && opts.allowClear) {
      out.clear.push(key);
      continue;
    }
    if (opts.skipBlank && isBlank(value)) continue;
    const checked = checkLeadValue(field, value);
    if (checked.ok) out.set[key] = checked.value;
    else out.problems.push({ key, label: field.label, reason: LEAD_PROBLEM_TEXT[checked.problem] });
  }
  return out;
}
