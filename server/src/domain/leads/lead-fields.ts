import type { CapturedFieldDto, LeadFieldDto, LeadFieldValue, PrechatFieldDto, SessionDto } from '../../../../shared/src/contract/types';
import { LEAD_FIELD_TYPES } from '../../../../shared/src/lead-schemas';
import type { AgentDoc } from '../../db/models/agent.model';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One stored field as its DTO; stored fields passed leadFieldsSchema, so this only fills defaults. */
function toLeadField(raw: Record<string, unknown>): LeadFieldDto | null {
  const type = LEAD_FIELD_TYPES.find((t) => t === raw.type);
  if (typeof raw.key !== 'string' || !type) return null;
  const field: LeadFieldDto = {
    key: raw.key,
    label: typeof raw.label === 'string' ? raw.label : raw.key,
    type,
    required: raw.required === true,
    description: typeof raw.description === 'string' && raw.description ? raw.description : null,
    prechat: raw.prechat === true,
  };
  if (type === 'enum') field.options = Array.isArray(raw.options) ? raw.options.filter((o): o is string => typeof o === 'string') : [];
  return field;
}

/** The agent's lead fields (SPEC §9), in their configured order. */
export function leadFieldsOf(agent: Pick<AgentDoc, 'fields'>): LeadFieldDto[] {
  const stored: unknown[] = Array.isArray(agent.fields) ? agent.fields : [];
  return stored.flatMap((raw) => {
    const field = isRecord(raw) ? toLeadField(raw) : null;
    return field ? [field] : [];
  });
}

/** The values a session holds, labelled: in the agent's order, then any whose field the agent no longer has. */
export function labelledFields(fields: LeadFieldDto[], values: Record<string, LeadFieldValue>): CapturedFieldDto[] {
  const known = fields.filter((f) => values[f.key] !== undefined).map((f) => ({ key: f.key, label: f.label, value: values[f.key] as LeadFieldValue }));
  const configured = new Set(fields.map((f) => f.key));
  const orphans = Object.entries(values).filter(([key]) => !configured.has(key)).map(([key, value]) => ({ key, label: key, value }));
  return [...known, ...orphans];
}

/** Whether a session holds every required field of these. */
export const isComplete = (fields: LeadFieldDto[], values: Record<string, unknown>): boolean => fields.every((f) => !f.required || values[f.key] !== undefined);

/** Required fields the session does not hold yet. */
export const missingRequired = (fields: LeadFieldDto[], values: Record<string, unknown>): LeadFieldDto[] => fields.filter((f) => f.required && values[f.key] === undefined);

/** The pre-chat fields a customer still has to be asked, as the widget may see them (no descriptions). */
export function prechatMissing(fields: LeadFieldDto[], session: Pick<SessionDto, 'fields'>): PrechatFieldDto[] {
  return fields
    .filter((f) => f.prechat && session.fields[f.key] === undefined)
    .map(({ key, label, type, options, required }) => (options ? { key, label, type, options, required } : { key, label, type, required }));
}
