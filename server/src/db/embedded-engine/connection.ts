import type { Socket } from 'node:net';
import type { Document } from 'bson';
import type { CommandContext } from './command-context';
import type { CommandRouter } from './command-router';
import { MongoCommandError } from './errors';
import type { EngineLogger } from './logger';
import { decodeRequest, encodeOpMsg, encodeOpReply, MessageFramer, OP_QUERY, type WireRequest } from './wire-protocol';

export interface ConnectionDeps {
  router: CommandRouter;
  contextFor(db: string, connectionId: number): CommandContext;
  logger: EngineLogger;
}

/**
 * Serves one client connection: frames the byte stream, runs each command as soon as it is
 * complete and writes the reply in the wire format the request came in (OP_REPLY for the
 * legacy OP_QUERY handshake, OP_MSG otherwise). A malformed stream closes the connection.
 */
export function serveConnection(socket: Socket, connectionId: number, deps: ConnectionDeps): void {
  const framer = new MessageFramer();
  let nextResponseId = 1;
  socket.setNoDelay(true);
  // Clients vanishing mid-connection (ECONNRESET) is routine; there is nothing to clean up.
  socket.on('error', () => socket.destroy());

  const drop = (err: unknown): void => {
    deps.logger.warn({ connectionId, err: err instanceof Error ? err.message : String(err) }, 'embedded engine: closing connection after a protocol error');
    socket.destroy();
  };

  const answer = (message: Buffer): void => {
    let request: WireRequest;
    try {
      request = decodeRequest(message);
    } catch (err) {
      drop(err);
      return;
    }
    const reply = deps.router.dispatch(request.command, deps.contextFor(request.db, connectionId));
    if (request.noReply || socket.destroyed) return;
    socket.write(encodeReply(request, nextResponseId++, reply));
  };

  socket.on('data', (chunk: Buffer) => {
    let messages: Buffer[];
    try {
      messages = framer.push(chunk);
    } catch (err) {
      drop(err);
      return;
    }
    for (const message of messages) answer(message);
  });
}

function encodeReply(request: WireRequest, responseId: number, reply: Document): Buffer {
  const encode = request.opCode === OP_QUERY ? encodeOpReply : encodeOpMsg;
  try {
    return encode(responseId, request.requestId, reply);
  } catch (err) {
    // Typically a reply over the BSON size limit: still answer, so the client never hangs.
    const message = err instanceof Error ? err.message : String(err);
    return encode(responseId, request.requestId, new MongoCommandError('BadValue', `reply could not be encoded: ${message}`).toReply());
  }
}
