import { z } from 'zod';
import type { OperatorClientEvents } from '../../../../shared/src/events';
import { toolApproveSchema, toolCallIdSchema, toolDenySchema } from '../../../../shared/src/schemas';
import { assignSchema, operatorAuthSchema, sessionFiltersSchema, sessionRefSchema, tellSchema, typingSchema, whisperSchema } from '../../../../shared/src/schemas';
import type { Services } from '../../services';
import { parse } from '../validate';
import type { ConnectionLimit } from './connection-limit';
import { handshakeError } from './handshake-error';
import { LOG_ROOM, sessionRoom, type OperatorNamespace, type OperatorSocket, type OperatorSocketData } from './socket-types';
import { handle } from './with-ack';
import { clientIp } from './client-ip';

const watchSchema = z.object({ filters: sessionFiltersSchema.optional(), limit: z.number().int().min(1).max(200).optional() });
const JOIN_HISTORY = 1000;

/** What the operator namespace uses. */
export type OperatorDeps = Pick<Services, 'config' | 'logger' | 'bus' | 'operators' | 'sessions' | 'messages' | 'agents' | 'support' | 'assignment' | 'approvals'>;

/** `/operator`: staff watch the log, join sessions, and run the support commands. */
export function registerOperatorNamespace(nsp: OperatorNamespace, s: OperatorDeps, limit: ConnectionLimit): void {
  nsp.use(async (socket, next) => {
    try {
      const { token } = parse(operatorAuthSchema, socket.handshake.auth, 'auth');
      const operator = await s.operators.verifyToken(token);
      const ip = clientIp(socket, s.config.TRUST_PROXY);
      limit.admit(socket, ip);
      // The role is not kept here: a socket outlives role changes, so it is read where it is used.
      const data: OperatorSocketData = { ip, operatorId: operator.id, operatorName: operator.name, joined: new Set<string>() };
      Object.assign(socket.data, data);
      next();
    } catch (err) {
      limit.refused(socket);
      next(handshakeError(err, s.logger));
    }
  });
  nsp.on('connection', (socket) => registerHandlers(socket, s));
}

function registerHandlers(socket: OperatorSocket, s: OperatorDeps): void {
  const on = <K extends keyof OperatorClientEvents & string, S extends z.ZodType>(event: K, schema: S, fn: Parameters<typeof handle<OperatorClientEvents, K, S>>[4]) =>
    handle<OperatorClientEvents, K, S>(socket, s.logger, event, schema, fn);
  const actor = () => ({ id: socket.data.operatorId, name: socket.data.operatorName, isOperator: true });

  on('sessions:watch', watchSchema, async ({ filters = {}, limit = 50 }) => {
    const [page, stats] = await Promise.all([s.sessions.list(filters, limit), s.sessions.statsWithFacets(filters)]);
    socket.data.watch = { filters, key: JSON.stringify(filters) };
    void socket.join(LOG_ROOM);
    return { sessions: page.sessions, nextCursor: page.nextCursor, stats };
  });
  on('session:join', sessionRefSchema, async ({ sessionId }) => {
    const session = await s.sessions.get(sessionId);
    const [messages, agent] = await Promise.all([s.messages.list(sessionId, 'staff', 0, JOIN_HISTORY), s.agents.get(session.agentId)]);
    void socket.join(sessionRoom(sessionId));
    socket.data.joined.add(sessionId);
    return { session, messages, supportCommands: agent.supportCommands, agentName: agent.name };
  });
  on('session:leave', sessionRefSchema, async ({ sessionId }) => {
    void socket.leave(sessionRoom(sessionId));
    socket.data.joined.delete(sessionId);
    return {};
  });
  on('whisper', sessionRefSchema.extend(whisperSchema.shape), async ({ sessionId, ...input }) => s.support.whisper(sessionId, actor(), input));
  on('tell', sessionRefSchema.extend(tellSchema.shape), async ({ sessionId, ...input }) => s.support.tell(sessionId, actor(), input));
  on('takeover', sessionRefSchema, async ({ sessionId }) => ({ session: await s.support.takeover(sessionId, actor()) }));
  on('release', sessionRefSchema, async ({ sessionId }) => ({ session: await s.support.release(sessionId, actor()) }));
  on('help:resolve', sessionRefSchema, async ({ sessionId }) => ({ session: await s.sessions.resolveHelp(sessionId) }));
  on('session:close', sessionRefSchema, async ({ sessionId }) => ({ session: await s.sessions.close(sessionId) }));
  on('session:assign', sessionRefSchema.extend(assignSchema.shape), async ({ sessionId, operatorId }) => {
    // Authority as it is now, not as it was at the handshake (an admin demoted meanwhile is an operator).
    const me = await s.operators.get(socket.data.operatorId);
    return { session: await s.assignment.assign(sessionId, { id: me.id, isAdmin: me.role === 'admin' }, operatorId) };
  });
  const decider = () => ({ id: socket.data.operatorId, name: socket.data.operatorName });
  on('tool:approve', sessionRefSchema.extend({ toolCallId: toolCallIdSchema, ...toolApproveSchema.shape }), async ({ sessionId, toolCallId, arguments: args }) => ({
    message: await s.approvals.approve(sessionId, toolCallId, decider(), args),
  }));
  on('tool:deny', sessionRefSchema.extend({ toolCallId: toolCallIdSchema, ...toolDenySchema.shape }), async ({ sessionId, toolCallId, reason }) => ({
    message: await s.approvals.deny(sessionId, toolCallId, decider(), reason),
  }));
  on('typing', sessionRefSchema.extend(typingSchema.shape), async ({ sessionId, active }) => {
    s.bus.send({ kind: 'typing', sessionId, from: 'operator', active, name: socket.data.operatorName });
    return {};
  });
}
