import { EJSON, type Document } from 'bson';
import { bsonTypeName, isNumeric } from './bson-types';
import { MongoCommandError } from './errors';
import { isPlainObject } from './value-key';

// Operators that create the path they name, so a path through an array of sub-documents or a
// scalar is an error (mongod: 28 PathNotViable) rather than a silent no-op.
const CREATING = new Set(['$set', '$setOnInsert', '$inc', '$mul', '$min', '$max', '$push', '$addToSet', '$currentDate']);

interface Leaf {
  found: boolean;
  value: unknown;
}

/**
 * Refuses, before anything changes, what mongod refuses: `$inc` on a string (14), `$push` onto
 * a number (2), a path that cannot be created (28). Positional paths (`a.$.b`, `a.$[]`) are
 * resolved by mingo and not checked here.
 */
export function checkUpdateOperators(doc: Document, ops: Document): void {
  for (const [op, fields] of Object.entries(ops)) {
    if (!isPlainObject(fields)) continue;
    for (const [path, arg] of Object.entries(fields)) {
      if (path.split('.').some((part) => part.startsWith('$'))) continue;
      const leaf = reach(doc, path, CREATING.has(op));
      checkLeaf(op, path, leaf, arg, doc);
    }
  }
}

function reach(doc: Document, path: string, creating: boolean): Leaf {
  const parts = path.split('.');
  let current: unknown = doc;
  let parentKey = '';
  for (let i = 0; i < parts.length; i += 1) {
    const part = parts[i];
    if (Array.isArray(current)) {
      if (/^\d+$/.test(part)) current = current[Number(part)];
      else if (creating) throw cannotCreate(part, parentKey, current);
      else return { found: false, value: undefined };
    } else if (isPlainObject(current)) {
      if (!(part in current)) return { found: false, value: undefined };
      current = current[part];
    } else if (i > 0) {
      if (creating) throw cannotCreate(part, parentKey, current);
      return { found: false, value: undefined };
    }
    parentKey = part;
    if (current === undefined) return { found: false, value: undefined };
  }
  return { found: true, value: current };
}

function cannotCreate(part: string, parentKey: string, element: unknown): MongoCommandError {
  return new MongoCommandError('PathNotViable', `Cannot create field '${part}' in element {${parentKey}: ${show(element)}}`);
}

function checkLeaf(op: string, path: string, leaf: Leaf, arg: unknown, doc: Document): void {
  const field = path.split('.').pop() ?? path;
  const type = bsonTypeName(leaf.value);
  if (op === '$inc' || op === '$mul') {
    const verb = op === '$inc' ? 'increment' : 'multiply';
    if (!isNumeric(arg)) throw new MongoCommandError('TypeMismatch', `Cannot ${verb} with non-numeric argument: {${path}: ${show(arg)}}`);
    if (leaf.found && !isNumeric(leaf.value)) {
      throw new MongoCommandError('TypeMismatch', `Cannot apply ${op} to a value of non-numeric type. {_id: ${show(doc._id)}} has the field '${field}' of non-numeric type ${type}`);
    }
  } else if (op === '$push' && leaf.found && !Array.isArray(leaf.value)) {
    throw new MongoCommandError('BadValue', `The field '${path}' must be an array but is of type ${type} in document {_id: ${show(doc._id)}}`);
  } else if (op === '$addToSet' && leaf.found && !Array.isArray(leaf.value)) {
    throw new MongoCommandError('BadValue', `Cannot apply $addToSet to non-array field. Field named '${field}' has non-array type ${type}`);
  } else if ((op === '$pull' || op === '$pullAll') && leaf.found && !Array.isArray(leaf.value)) {
    throw new MongoCommandError('BadValue', 'Cannot apply $pull to a non-array value');
  } else if (op === '$pop' && leaf.found && !Array.isArray(leaf.value)) {
    throw new MongoCommandError('TypeMismatch', `Path '${path}' contains an element of non-array type '${type}'`);
  }
}

function show(value: unknown): string {
  const text = EJSON.stringify({ v: value }, { relaxed: true }).slice(5, -1);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
