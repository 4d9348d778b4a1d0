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

  it('updates the array element the filter matched with the positional operator', () => {
    const doc = { _id: id, items: [{ sku: 'a', qty: 1 }, { sku: 'b', qty: 1 }] };
    const next = applyUpdate(doc, { $set: { 'items.$.qty': 5 }, $inc: { n: 1 } }, { filter: { 'items.sku': 'b' }, inserting: false });
    expect(next).toEqual({ _id: id, items: [{ sku: 'a', qty: 1 }, { sku: 'b', qty: 5 }], n: 1 });
    const all = applyUpdate(doc, { $inc: { 'items.$[].qty': 1 } }, { filter: { 'items.sku': 'b' }, inserting: false });
    expect(all.items).toEqual([{ sku: 'a', qty: 2 }, { sku: 'b', qty: 2 }]);
  });

  it('applies every field operator of one update, in one pass', () => {
    const doc = { _id: id, n: 1, m: 2, lo: 5, hi: 5, tags: ['a', 'b'], list: [1, 2, 3], drop: [1, 2, 1], gone: true, stack: [1, 2] };
    const next = applyUpdate(
      doc,
      {
        $set: { 'nested.x': 'y' },
        $inc: { n: 2 },
        $mul: { m: 3 },
        $min: { lo: 1 },
        $max: { hi: 9 },
        $addToSet: { tags: 'a' },
        $push: { list: { $each: [4] } },
        $pull: { drop: 1 },
        $pop: { stack: 1 },
        $unset: { gone: '' },
      },
      { filter: {}, inserting: false },
    );
    expect(next).toEqual({ _id: id, n: 3, m: 6, lo: 1, hi: 9, tags: ['a', 'b'], list: [1, 2, 3, 4], drop: [2], stack: [1], nested: { x: 'y' } });
  });

  it('refuses two operators on the same field, as mongod does', () => {
    expect(() => applyUpdate({ _id: id, a: { b: 1 } }, { $set: { a: {} }, $inc: { 'a.b': 1 } }, { filter: {}, inserting: false })).toThrow(/conflict/);
    expect(() => applyUpdate({ _id: id, a: 1 }, { $set: { a: 2 }, $inc: { a: 1 } }, { filter: {}, inserting: false })).toThrow(/conflict/);
  });

  it('$currentDate takes the time of each update', async () => {
    const first = applyUpdate({ _id: id }, { $currentDate: { at: true } }, { filter: {}, inserting: false }).at as Date;
    await new Promise((r) => setTimeout(r, 20));
    const second = applyUpdate({ _id: id }, { $currentDate: { at: true } }, { filter: {}, inserting: false }).at as Date;
    expect(second.getTime()).toBeGreaterThan(first.getTime());
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
