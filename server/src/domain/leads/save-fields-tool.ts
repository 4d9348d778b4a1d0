/**
 * The model's built-in `save_fields` tool (SPEC §9): its definition from the agent's fields,
 * the system-prompt note saying what is still missing, and the result the model reads back.
 */
import type { LeadFieldDto, LeadFieldType, SessionDto } from '../../../../shared/src/contract/types';
import type { LlmTool } from '../runtime/llm-provider';
import type { FieldProblem } from './field-values';
import { missingRequired } from './lead-fields';

export const SAVE_FIELDS_TOOL = 'save_fields';

const JSON_TYPE: Record<LeadFieldType, string> = { string: 'string', email: 'string', phone: 'string', enum: 'string', number: 'number', boolean: 'boolean' };
const HINT: Partial<Record<LeadFieldType, string>> = { email: 'an email address', phone: 'a phone number, with the country code if known' };

function property(field: LeadFieldDto): Record<string, unknown> {
  const about = [field.label, HINT[field.type], field.description].filter(Boolean).join(' — ');
  return {
    type: JSON_TYPE[field.type],
    description: about,
    ...(field.type === 'enum' ? { enum: field.options ?? [] } : {}),
    ...(field.type === 'email' ? { format: 'email' } : {}),
  };
}

const named = (f: Pick<LeadFieldDto, 'key' | 'label'>) => `${f.label} (${f.key})`;

/** The tool and its note for an agent with lead fields; null when it has none. */
export function saveFieldsOffer(fields: LeadFieldDto[], session: Pick<SessionDto, 'fields'>): { tool: LlmTool; note: string } | null {
  if (fields.length === 0) return null;
  const tool: LlmTool = {
    name: SAVE_FIELDS_TOOL,
    description: 'Saves details the customer told you (contact details, what they need) to their record. Pass only the fields they actually gave; never guess.',
    parameters: { type: 'object', properties: Object.fromEntries(fields.map((f) => [f.key, property(f)])), required: [], additionalProperties: false },
  };
  const missing = missingRequired(fields, session.fields);
  const captured = fields.filter((f) => session.fields[f.key] !== undefined);
  const lines = [
    'Lead capture: when the customer tells you any of these details, save them at once with save_fields. Ask for missing ones naturally, one or two at a time, without pressing.',
    `Fields: ${fields.map((f) => `${named(f)}${f.required ? ' [required]' : ''}`).join(', ')}.`,
    captured.length ? `Already saved: ${captured.map((f) => `${f.key}=${JSON.stringify(session.fields[f.key])}`).join(', ')}.` : 'Nothing saved yet.',
    missing.length ? `Still missing required fields: ${missing.map(named).join(', ')}.` : 'Every required field is saved.',
  ];
  return { tool, note: lines.join('\n') };
}

/** What the model reads after a save: what was stored, what was refused and why (so it asks again), what is still missing. */
export function saveFieldsResult(fields: LeadFieldDto[], saved: string[], problems: FieldProblem[], session: Pick<SessionDto, 'fields'>): string {
  const parts: string[] = [];
  if (saved.length) parts.push(`Saved: ${saved.join(', ')}.`);
  if (problems.length) {
    const why = problems.map((p) => `${p.key}${p.label ? ` (${p.label})` : ''} ${p.reason}`).join('; ');
    parts.push(`Not saved: ${why}. Ask the customer again for ${problems.length === 1 ? 'it' : 'them'}.`);
  }
  if (!saved.length && !problems.length) parts.push('Nothing was saved: pass the fields the customer gave as arguments.');
  const missing = missingRequired(fields, session.fields);
  parts.push(missing.length ? `Still missing required fields: ${missing.map(named).join(', ')}.` : 'Every required field is saved.');
  return parts.join(' ');
}
