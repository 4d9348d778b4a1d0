import { BSON, type Document } from 'bson';

// Longs stay `Long` so an int64 written by a client comes back as an int64 (the driver's
// default would turn it into a lossy JS number). Int32/Double become plain numbers, which
// is what mingo compares and what the drivers hand to application code anyway.
const DESERIALIZE_OPTIONS: BSON.DeserializeOptions = { promoteLongs: false };

/** Decode one BSON document with the engine-wide type rules. */
export function decodeDocument(bytes: Uint8Array): Document {
  return BSON.deserialize(bytes, DESERIALIZE_OPTIONS);
}

/** Encode one BSON document. */
export function encodeDocument(doc: Document): Uint8Array {
  return BSON.serialize(doc);
}

/** A deep copy that keeps every BSON type (structuredClone would strip ObjectId's class). */
export function cloneDocument(doc: Document): Document {
  return decodeDocument(encodeDocument(doc));
}

/** Serialised size in bytes, used for batch and message limits. */
export function documentSize(doc: Document): number {
  return BSON.calculateObjectSize(doc);
}

/** True when both documents have exactly the same bytes (same fields, order, types and values). */
export function sameBytes(a: Document, b: Document): boolean {
  return Buffer.from(encodeDocument(a)).equals(encodeDocument(b));
}
