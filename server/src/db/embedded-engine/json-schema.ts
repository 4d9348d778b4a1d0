import { Ajv } from 'ajv';
import type { Document } from 'bson';
import { hasBsonType } from './bson-types';

// `$jsonSchema` (collection validators, queries) on Ajv, with MongoDB's `bsonType` keyword
// added; BSON values (ObjectId, Date, Long) are objects to the standard `type` keyword.
const ajv = new Ajv({ strict: false, allErrors: false, validateSchema: false });
ajv.addKeyword({
  keyword: 'bsonType',
  schemaType: ['string', 'array'],
  validate: (names: string | string[], data: unknown) => hasBsonType(data, names),
});

/** mingo's `jsonSchemaValidator` option: a predicate for one schema. */
export function jsonSchemaValidator(schema: Document): (doc: Document) => boolean {
  const validate = ajv.compile(schema);
  return (doc) => validate(doc);
}
