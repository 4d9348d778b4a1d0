/**
 * The lead fields a session captured, as the details panel lists them: the agent's field
 * definitions in their order (labels, required ones marked, missing ones shown as missing),
 * then any value whose field the agent no longer defines, under its key. Pure.
 */
import type { LeadFieldDto } from '../../../shared/src/contract/types';

export interface LeadFieldRow {
  key: string;
  label: string;
  /** The value as text; null when not captured yet. */
  value: string | null;
  required: boolean;
}

function valueText(value: string | number | boolean | undefined): string | null {
  if (value === undefined || value === '') return null;
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  return String(value);
}

export function leadFieldRows(definitions: LeadFieldDto[], values: Record<string, string | number | boolean>): LeadFieldRow[] {
  const defined = new Set(definitions.map((d) => d.key));
  const rows = definitions.map((d) => ({ key: d.key, label: d.label || d.key, value: valueText(values[d.key]), required: d.required }));
  const extra = Object.keys(values)
    .filter((key) => !defined.has(key))
    .sort()
    .map((key) => ({ key, label: key, value: valueText(values[key]), required: false }));
  return [...rows, ...extra];
}
