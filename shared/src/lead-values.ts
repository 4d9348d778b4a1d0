/**
 * Lead field values (SPEC §9): how a value the model, a customer or staff gave is checked and
 * normalised for its field's type. Pure and dependency-free, so the server (authoritative) and
 * the widget's pre-chat form (early feedback, no zod in the bundle) apply the same rules.
 */
import type { LeadFieldType, LeadFieldValue } from './contract/types';

export const LEAD_FIELD_KEY = /^[a-zA-Z][a-zA-Z0-9_]{0,39}$/;
export const LEAD_STRING_MAX = 500;
export const MAX_LEAD_FIELDS = 30;
export const MAX_LEAD_OPTIONS = 50;

/** Why a value was refused; each side words it (English for the model, the widget's language for customers). */
export type LeadValueProblem = 'empty' | 'too_long' | 'not_email' | 'not_phone' | 'not_number' | 'not_boolean' | 'not_option';

export type LeadValueCheck = { ok: true; value: LeadFieldValue } | { ok: false; problem: LeadValueProblem };

/** English wording of each problem (the model reads it, and staff in an `invalid_request`). */
export const LEAD_PROBLEM_TEXT: Record<LeadValueProblem, string> = {
  empty: 'must not be empty',
  too_long: `must be at most ${LEAD_STRING_MAX} characters`,
  not_email: 'is not an email address (like name@example.com)',
  not_phone: 'is not a phone number (6-20 digits, optionally with +, spaces, dashes or parentheses)',
  not_number: 'is not a number',
  not_boolean: 'must be true or false',
  not_option: 'is not one of the allowed options',
};

const EMAIL = /^[^\s@"<>()[\]\\,;:]+@[^\s@"<>()[\]\\,;:]+\.[^\s@"<>()[\]\\,;:]{2,}$/;
const PHONE_CHARS = /^\+?[\d\s\-().]+$/;
const NUMBER_TEXT = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

const fail = (problem: LeadValueProblem): LeadValueCheck => ({ ok: false, problem });

/** Text of a value: strings trimmed; numbers accepted as text (models send `12345` for a postcode). */
function textOf(value: unknown): string | null {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

function email(text: string): LeadValueCheck {
  if (text.length > 254 || !EMAIL.test(text)) return fail('not_email');
  const at = text.lastIndexOf('@');
  // The domain is case-insensitive; the local part may not be, so it is kept as given.
  return { ok: true, value: `${text.slice(0, at)}@${text.slice(at + 1).toLowerCase()}` };
}

function phone(text: string): LeadValueCheck {
  if (!PHONE_CHARS.test(text)) return fail('not_phone');
  const digits = text.replace(/\D/g, '');
  if (digits.length < 6 || digits.length > 20) return fail('not_phone');
  return { ok: true, value: text.startsWith('+') ? `+${digits}` : digits };
}

function number(value: unknown): LeadValueCheck {
  if (typeof value === 'number') return Number.isFinite(value) ? { ok: true, value } : fail('not_number');
  const text = textOf(value);
  if (text === null || !NUMBER_TEXT.test(text)) return fail('not_number');
  const n = Number(text);
  return Number.isFinite(n) ? { ok: true, value: n } : fail('not_number');
}

function boolean(value: unknown): LeadValueCheck {
  if (typeof value === 'boolean') return { ok: true, value };
  const text = typeof value === 'string' ? value.trim().toLowerCase() : '';
  if (text === 'true' || text === 'yes') return { ok: true, value: true };
  if (text === 'false' || text === 'no') return { ok: true, value: false };
  return fail('not_boolean');
}

/** Checks one value against its field's type; a valid one comes back normalised. */
export function checkLeadValue(field: { type: LeadFieldType; options?: string[] }, value: unknown): LeadValueCheck {
  if (field.type === 'number') return number(value);
  if (field.type === 'boolean') return boolean(value);
  const text = textOf(value);
  if (text === null) return fail(field.type === 'email' ? 'not_email' : field.type === 'phone' ? 'not_phone' : field.type === 'enum' ? 'not_option' : 'empty');
  if (!text) return fail('empty');
  if (text.length > LEAD_STRING_MAX) return fail('too_long');
  switch (field.type) {
    case 'email':
      return email(text);
    case 'phone':
      return phone(text);
    case 'enum': {
      // Matched without regard to case, stored as the option is spelled.
      const option = (field.options ?? []).find((o) => o.toLowerCase() === text.toLowerCase());
      return option === undefined ? fail('not_option') : { ok: true, value: option };
    }
    default:
      return { ok: true, value: text };
  }
}
