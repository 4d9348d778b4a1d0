import type { Request, Response } from 'express';
import * as op from '../../../../../shared/src/contract/sessions';
import * as msg from '../../../../../shared/src/contract/messages';
import { AppError } from '../../../domain/app-error';
import { viewOfSession } from '../../../domain/audience/audience';
import type { Services } from '../../../services';
import { reply, type ContractRouter } from '../contract-router';
import { ReplySse } from './sse';
import { toAppError } from '../error-middleware';

/** What these handlers use of the services. */
export type SessionsDeps = Pick<Services, 'chat' | 'inbox' | 'leads' | 'logger' | 'messages' | 'sessions'>;

/** /v1/chat/sessions: create, the log, stats, one session, its messages and context. */
export function sessionsRoutes(api: ContractRouter, s: SessionsDeps): void {
  api.route(op.createSession, async ({ body, principal: p, req }) => {
    const { reuse, ...input } = body;
    const origin = { ip: req.ip ?? 'unknown', viaApiKey: p.kind === 'apiKey' };
    if (reuse === 'open') {
      const found = await s.sessions.openOrCreate(input, origin);
      return found.reused ? reply(200, found) : reply(201, found);
    }
    return s.sessions.create(input, origin);
  });

  api.route(op.listSessions, async ({ query: { limit, cursor, ...filters } }) => s.sessions.list(filters, limit, cursor));

  api.route(op.sessionStats, async ({ query }) => s.sessions.stats(query));

  api.route(op.sessionPreviews, async ({ query: { ids, q }, principal: p }) => ({ previews: await s.inbox.previews(ids, p.kind === 'operator' ? p.operator.id : null, q) }));

  api.route(op.markSessionRead, async ({ params: { id }, body: { seq }, principal: p }) => {
    if (p.kind === 'operator') await s.inbox.markRead(p.operator.id, id, seq);
  });

  api.route(op.getSession, async ({ params: { id }, audience }) => {
    const session = await s.sessions.get(id);
    return { session: viewOfSession(audience, session) };
  });

  api.route(op.patchSession, async ({ params: { id }, body: { metadata, fields } }) => {
    // Fields first: they are checked against the agent's fields, and a bad one changes nothing.
    const withFields = fields ? await s.leads.setByStaff(id, fields) : null;
    const session = metadata ? await s.sessions.patchMetadata(id, metadata) : withFields;
    // The schema already refuses a patch with neither.
    if (!session) throw new AppError('invalid_request', 'send metadata, fields or both', { field: 'body' });
    return { session };
  });

  api.route(op.closeSession, async ({ params: { id }, audience }) => {
    const session = await s.sessions.close(id);
    return { session: viewOfSession(audience, session) };
  });

  api.route(msg.listMessages, async ({ params: { id }, audience, query: { afterSeq, limit } }) => {
    await s.sessions.get(id);
    return { messages: await s.messages.list(id, audience, afterSeq, limit) };
  });

  // Raw: the reply may stream as server-sent events.
  api.raw(msg.sendMessage, async ({ params: { id }, body: { content, clientMessageId }, principal, req, res }) => {
    const sender = { ip: req.ip ?? 'unknown', trusted: principal.kind !== 'customer' };
    if (!req.accepts(['application/json', 'text/event-stream']) || req.get('accept')?.includes('text/event-stream')) {
      return sendStreaming(s, req, res, id, content, clientMessageId, sender);
    }
    const sent = await s.chat.sendCustomerMessage(id, content, clientMessageId, sender);
    const reply = sent.reply ? await sent.reply : null;
    res.status(sent.duplicate ? 200 : 201).json({ message: sent.message, reply, duplicate: sent.duplicate });
  });

  api.route(msg.injectContext, async ({ params: { id }, body }) => {
    const sent = await s.chat.injectContext(id, body);
    return sent.duplicate ? reply(200, { message: sent.message, duplicate: true as const }) : reply(201, { message: sent.message, duplicate: false as const });
  });
}

async function sendStreaming(
  s: SessionsDeps,
  req: Request,
  res: Response,
  id: string,
  content: string,
  clientMessageId: string | undefined,
  sender: { ip: string; trusted: boolean },
): Promise<void> {
  const sse = new ReplySse(res);
  // A failure here (limits, closed session) is still plain JSON: the stream has not opened.
  const sent = await s.chat.sendCustomerMessage(id, content, clientMessageId, sender, sse.hooks);
  sse.open({ message: sent.message, duplicate: sent.duplicate });
  try {
    sse.end(sent.reply ? await sent.reply : null);
  } catch (err) {
    sse.fail(toAppError(err, s.logger, { sessionId: id, path: req.path }).toBody());
  }
}
