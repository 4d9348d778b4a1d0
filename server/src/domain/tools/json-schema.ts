import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * JSON Schema with ajv: checking a tool's `parameters` when an agent is saved, and the
 * model's (or an approver's) arguments against them before anything is sent.
 */
const ajv = new Ajv({ allErrors: false, strict: false, validateSchema: true });
addFormats(ajv);

const compiled = new Map<string, ValidateFunction>();
const MAX_CACHED = 500;

function validatorOf(schema: Record<string, unknown>): ValidateFunction {
  const key = JSON.stringify(schema);
  let fn = compiled.get(key);
  if (!fn) {
    fn = ajv.compile(schema);
    if (compiled.size >= MAX_CACHED) compiled.delete(compiled.keys().next().value as string);
    compiled.set(key, fn);
  }
  return fn;
}

/** Why `schema` cannot describe a tool's arguments, or null when it can. */
export function parametersProblem(schema: Record<string, unknown>): string | null {
  if (schema.type !== 'object') return 'must be a JSON Schema with "type": "object"';
  if (!ajv.validateSchema(schema)) return `is not a valid JSON Schema: ${ajv.errorsText(ajv.errors, { dataVar: 'schema' })}`;
  try {
    validatorOf(schema);
    return null;
  } catch (err) {
    return `is not a valid JSON Schema: ${(err as Error).message}`;
  }
}

export interface ArgumentProblem {
  /** `arguments.orderId`, or `arguments` for the object itself. */
  field: string;
  message: string;
}

function describe(error: ErrorObject): ArgumentProblem {
  const path = error.instancePath.split('/').filter(Boolean);
  const missing = error.keyword === 'required' ? (error.params as { missingProperty?: string }).missingProperty : undefined;
  if (missing) path.push(missing);
  const field = ['arguments', ...path].join('.');
  return { field, message: missing ? 'is required' : (error.message ?? 'is invalid') };
}

/** The first way `args` breaks `schema`, or null when they fit. */
export function argumentsProblem(schema: Record<string, unknown>, args: unknown): ArgumentProblem | null {
  let validate: ValidateFunction;
  try {
    validate = validatorOf(schema);
  } catch (err) {
    return { field: 'arguments', message: `the tool's parameters schema is broken: ${(err as Error).message}` };
  }
  if (validate(args)) return null;
  const first = validate.errors?.[0];
  return first ? describe(first) : { field: 'arguments', message: 'is invalid' };
}
