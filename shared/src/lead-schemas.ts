/**
 * Zod schemas of lead capture's inbound payloads (SPEC §9): the agent's `fields` config, the
 * values staff set over REST, and the widget's pre-chat `fields:submit`. Values are checked
 * for their field's type by the server (see lead-values.ts), which knows the agent's fields.
 */
import { z } from 'zod';
import { LEAD_FIELD_KEY, LEAD_STRING_MAX, MAX_LEAD_FIELDS, MAX_LEAD_OPTIONS } from './lead-values';

export const LEAD_FIELD_TYPES = ['string', 'email', 'phone', 'number', 'boolean', 'enum'] as const;

export const leadFieldKey = z.string().regex(LEAD_FIELD_KEY, 'must start with a letter and hold at most 40 letters, digits or _');

export const leadFieldSchema = z
  .object({
    key: leadFieldKey,
    label: z.string().trim().min(1, 'must not be empty').max(200),
    type: z.enum(LEAD_FIELD_TYPES),
    options: z.array(z.string().trim().min(1, 'must not be empty').max(200)).optional(),
    required: z.boolean().default(false),
    description: z
      .string()
      .trim()
      .max(1_000)
      .nullish()
      .transform((d) => d || null),
    prechat: z.boolean().default(false),
  })
  .strict()
  .superRefine((f, ctx) => {
    if (f.type !== 'enum') {
      if (f.options !== undefined) ctx.addIssue({ code: 'custom', path: ['options'], message: 'only enum fields have options' });
      return;
    }
    const options = f.options ?? [];
    if (options.length < 1 || options.length > MAX_LEAD_OPTIONS) ctx.addIssue({ code: 'custom', path: ['options'], message: `an enum field needs 1-${MAX_LEAD_OPTIONS} options` });
    else if (new Set(options.map((o) => o.toLowerCase())).size !== options.length) ctx.addIssue({ code: 'custom', path: ['options'], message: 'options must be unique' });
  });

export const leadFieldsSchema = z
  .array(leadFieldSchema)
  .max(MAX_LEAD_FIELDS, `at most ${MAX_LEAD_FIELDS} fields`)
  .superRefine((fields, ctx) => {
    const seen = new Set<string>();
    fields.forEach((f, i) => {
      if (seen.has(f.key)) ctx.addIssue({ code: 'custom', path: [i, 'key'], message: `"${f.key}" is used by an earlier field` });
      seen.add(f.key);
    });
  });

const leadValue = z.union([z.string().max(LEAD_STRING_MAX * 2), z.number(), z.boolean()]);
/** Values by key; their types are checked against the agent's fields by the server. */
export const leadValuesSchema = z.record(leadFieldKey, leadValue).refine((v) => Object.keys(v).length <= MAX_LEAD_FIELDS, `at most ${MAX_LEAD_FIELDS} fields`);
/** Staff may also clear a field with null. */
export const leadValuesPatchSchema = z.record(leadFieldKey, leadValue.nullable()).refine((v) => Object.keys(v).length <= MAX_LEAD_FIELDS, `at most ${MAX_LEAD_FIELDS} fields`);

/** The widget's pre-chat form. */
export const fieldsSubmitSchema = z.object({ fields: leadValuesSchema }).strict();
