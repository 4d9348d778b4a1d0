import type { Document } from 'bson';
import { decodeDocument, encodeDocument } from './bson-codec';

export const OP_REPLY = 1;
export const OP_QUERY = 2004;
export const OP_MSG = 2013;

const HEADER_BYTES = 16;
// Accept anything the driver may legally send (maxMessageSizeBytes) plus framing slack.
export const MAX_MESSAGE_BYTES = 48_000_000;
const CHECKSUM_PRESENT = 1;
const MORE_TO_COME = 2;

/** A decoded client request: the command document and the database it targets. */
export interface WireRequest {
  requestId: number;
  opCode: number;
  db: string;
  command: Document;
  /** OP_MSG `moreToCome`: the client expects no reply (unacknowledged writes). */
  noReply: boolean;
}

/** Splits a TCP byte stream into whole wire-protocol messages. */
export class MessageFramer {
  private buffered: Buffer = Buffer.alloc(0);

  /** Adds received bytes; returns every message now complete. Throws on an impossible length. */
  push(chunk: Buffer): Buffer[] {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    const messages: Buffer[] = [];
    while (this.buffered.length >= 4) {
      const length = this.buffered.readInt32LE(0);
      if (length < HEADER_BYTES || length > MAX_MESSAGE_BYTES) throw new Error(`invalid message length ${length}`);
      if (this.buffered.length < length) break;
      messages.push(this.buffered.subarray(0, length));
      this.buffered = this.buffered.subarray(length);
    }
    return messages;
  }
}

/** Decodes an OP_QUERY or OP_MSG message; other opcodes throw (the driver never sends them). */
export function decodeRequest(message: Buffer): WireRequest {
  const requestId = message.readInt32LE(4);
  const opCode = message.readInt32LE(12);
  if (opCode === OP_MSG) return { requestId, opCode, ...decodeOpMsg(message) };
  if (opCode === OP_QUERY) return { requestId, opCode, noReply: false, ...decodeOpQuery(message) };
  throw new Error(`unsupported opcode ${opCode}`);
}

// OP_MSG: flagBits, then sections — kind 0 is the command body, kind 1 a document sequence
// (`documents`, `updates`, `deletes`) that belongs under its identifier in the command.
function decodeOpMsg(message: Buffer): { db: string; command: Document; noReply: boolean } {
  const flags = message.readUInt32LE(HEADER_BYTES);
  const end = flags & CHECKSUM_PRESENT ? message.length - 4 : message.length;
  let offset = HEADER_BYTES + 4;
  let command: Document = {};
  const sequences: [string, Document[]][] = [];
  while (offset < end) {
    const kind = message[offset];
    offset += 1;
    if (kind === 0) {
      const size = message.readInt32LE(offset);
      command = decodeDocument(message.subarray(offset, offset + size));
      offset += size;
    } else if (kind === 1) {
      const size = message.readInt32LE(offset);
      sequences.push(decodeSequence(message.subarray(offset + 4, offset + size)));
      offset += size;
    } else {
      throw new Error(`unknown OP_MSG section kind ${kind}`);
    }
  }
  for (const [identifier, docs] of sequences) command[identifier] = docs;
  const db = typeof command.$db === 'string' ? command.$db : 'admin';
  return { db, command, noReply: (flags & MORE_TO_COME) !== 0 };
}

function decodeSequence(section: Buffer): [string, Document[]] {
  const nameEnd = section.indexOf(0);
  const identifier = section.toString('utf8', 0, nameEnd);
  const docs: Document[] = [];
  let offset = nameEnd + 1;
  while (offset < section.length) {
    const size = section.readInt32LE(offset);
    docs.push(decodeDocument(section.subarray(offset, offset + size)));
    offset += size;
  }
  return [identifier, docs];
}

// OP_QUERY is only used for the first handshake: flags, "db.$cmd", skip, return, query.
function decodeOpQuery(message: Buffer): { db: string; command: Document } {
  let offset = HEADER_BYTES + 4;
  const nameEnd = message.indexOf(0, offset);
  const fullCollectionName = message.toString('utf8', offset, nameEnd);
  offset = nameEnd + 1 + 8;
  const size = message.readInt32LE(offset);
  let command = decodeDocument(message.subarray(offset, offset + size));
  // Legacy drivers wrap the command as {$query: {...}, $readPreference: ...}.
  if (command.$query && typeof command.$query === 'object') command = command.$query as Document;
  return { db: fullCollectionName.split('.')[0], command };
}

function header(length: number, requestId: number, responseTo: number, opCode: number): Buffer {
  const head = Buffer.alloc(HEADER_BYTES);
  head.writeInt32LE(length, 0);
  head.writeInt32LE(requestId, 4);
  head.writeInt32LE(responseTo, 8);
  head.writeInt32LE(opCode, 12);
  return head;
}

/** OP_MSG reply with a single body section. */
export function encodeOpMsg(requestId: number, responseTo: number, reply: Document): Buffer {
  const body = encodeDocument(reply);
  const flagsAndKind = Buffer.alloc(5);
  const length = HEADER_BYTES + flagsAndKind.length + body.length;
  return Buffer.concat([header(length, requestId, responseTo, OP_MSG), flagsAndKind, body]);
}

/** OP_REPLY (answer to OP_QUERY): flags, cursorId 0, startingFrom 0, one document. */
export function encodeOpReply(requestId: number, responseTo: number, reply: Document): Buffer {
  const body = encodeDocument(reply);
  const fields = Buffer.alloc(20);
  fields.writeInt32LE(1, 16);
  const length = HEADER_BYTES + fields.length + body.length;
  return Buffer.concat([header(length, requestId, responseTo, OP_REPLY), fields, body]);
}
