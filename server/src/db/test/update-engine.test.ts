import { Long, ObjectId } from 'bson';
import { applyUpdate, upsertSeed } from '../embedded-engine/update-engine';
import { valueKey } from '../embedded-engine/value-key';

describe('update engine', () => {
  const id = new ObjectId();

  it('seeds upserts from equality conditions only', () => {
    expect(upsertSeed({ a: 1, 'b.c': 'x', d: { $gt: 1 }, e: { $eq: 2 }, $and: [{ f: true }], $or: [{ g: 1 }] })).toEqual({ a: 1, b: { c: 'x' }, e: 2, f: true });
  });

  it('applies $setOnInsert only when inserting', () => {
    const update = { $set: { a: 1 }, $setOnInsert: { created: true } };
    expect(applyUpdate({ _id: id }, update, { filter: {}, inserting: true })).toEqual({ _id: id, a: 1, created: true });
    expect(applyUpdate({ _id: id }, update, { filter: {}, inserting: false })).toEqual({ _id: id, a: 1 });
  });

  it('keeps _id on replacement and refuses to change it', () => {
    expect(applyUpdate({ _id: id, a: 1 }, { b: 2 }, { filter: {}, inserting: false })).toEqual({ _id: id, b: 2 });
    expect(() => applyUpdate({ _id: id }, { $set: { _id: new ObjectId() } }, { filter: {}, inserting: false })).toThrow(/immutable field '_id'/);
  });

  it('never mutates the stored document', () => {
    const stored = { _id: id, nested: { n: 1 } };
    applyUpdate(stored, { $inc: { 'nested.n': 1 } }, { filter: {}, inserting: false });
    expect(stored.nested.n).toBe(1);
  });

  it('refuses a mix of operators and plain fields', () => {
    expect(() => applyUpdate({ _id: id }, { $set: { a: 1 }, b: 2 }, { filter: {}, inserting: false })).toThrow(/Unknown modifier: b/);
  });
});

describe('value keys', () => {
  it('treat numbers of any BSON type as one key and keep other types apart', () => {
    expect(valueKey(1)).toBe(valueKey(Long.fromNumber(1)));
    expect(valueKey(id())).not.toBe(valueKey(id().toHexString()));
    expect(valueKey(null)).toBe(valueKey(undefined));
    expect(valueKey({ a: 1, b: 2 })).not.toBe(valueKey({ b: 2, a: 1 }));
  });

  function id(): ObjectId {
    return ObjectId.createFromHexString('65f1a0c0c0c0c0c0c0c0c0c0');
  }
});
