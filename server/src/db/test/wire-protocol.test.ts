import { BSON } from 'bson';
import { decodeRequest, encodeOpMsg, MessageFramer, OP_MSG } from '../embedded-engine/wire-protocol';

// An OP_MSG with a body and one `documents` sequence, as the driver sends for insert.
function insertMessage(requestId: number): Buffer {
  const body = Buffer.from(BSON.serialize({ insert: 'things', $db: 'app' }));
  const docs = [{ a: 1 }, { a: 2 }].map((d) => Buffer.from(BSON.serialize(d)));
  const name = Buffer.from('documents\0');
  const sequenceSize = Buffer.alloc(4);
  sequenceSize.writeInt32LE(4 + name.length + docs.reduce((n, d) => n + d.length, 0));
  const payload = Buffer.concat([Buffer.alloc(4), Buffer.from([0]), body, Buffer.from([1]), sequenceSize, name, ...docs]);
  const header = Buffer.alloc(16);
  header.writeInt32LE(16 + payload.length, 0);
  header.writeInt32LE(requestId, 4);
  header.writeInt32LE(OP_MSG, 12);
  return Buffer.concat([header, payload]);
}

describe('wire protocol', () => {
  it('reassembles messages split across TCP chunks', () => {
    const bytes = Buffer.concat([insertMessage(1), insertMessage(2)]);
    const framer = new MessageFramer();
    const messages = [...framer.push(bytes.subarray(0, 10)), ...framer.push(bytes.subarray(10, 70)), ...framer.push(bytes.subarray(70))];
    expect(messages.map((m) => decodeRequest(m).requestId)).toEqual([1, 2]);
  });

  it('folds document sequences into the command and reads $db', () => {
    const request = decodeRequest(insertMessage(7));
    expect(request).toMatchObject({ db: 'app', noReply: false, command: { insert: 'things', documents: [{ a: 1 }, { a: 2 }] } });
  });

  it('rejects impossible lengths instead of buffering forever', () => {
    const bogus = Buffer.alloc(8);
    bogus.writeInt32LE(2_000_000_000, 0);
    expect(() => new MessageFramer().push(bogus)).toThrow(/invalid message length/);
  });

  it('encodes replies that answer the request id', () => {
    const reply = encodeOpMsg(5, 9, { ok: 1 });
    expect(reply.readInt32LE(0)).toBe(reply.length);
    expect(reply.readInt32LE(8)).toBe(9);
    expect(BSON.deserialize(reply.subarray(21))).toEqual({ ok: 1 });
  });
});
