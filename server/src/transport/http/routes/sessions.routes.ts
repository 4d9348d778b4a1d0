import { Router, type Request } from 'express';
import {
  contextSchema,
  helpRequestSchema,
  messageSendSchema,
  messagesQuerySchema,
  sessionCreateSchema,
  sessionListQuerySchema,
  sessionPatchSchema,
  sessionPreviewsQuerySchema,
  sessionReadSchema,
  objectId,
} from '../../../../../shared/src/schemas';
import { viewOfSession } from '../../../domain/audience/audience';
import type { Services } from '../../../services';
import { assertSessionAccess, principalOf, requireStaff } from '../auth';
import { parse } from '../validate';
import { ReplySse } from './sse';
import { toAppError } from '../error-middleware';

const sessionIdOf = (req: Request): string => parse(objectId, req.params.id, 'id');

/** /v1/chat/sessions: create, the log, stats, one session, its messages and context. */
export function sessionsRoutes(s: Services): Router {
  const r = Router();

  r.post('/', async (req, res) => {
    const p = requireStaff(res);
    const { reuse, ...input } = parse(sessionCreateSchema, req.body);
    if (reuse === 'open') {
      const found = await s.sessions.openOrCreate(input, { ip: req.ip ?? 'unknown', viaApiKey: p.kind === 'apiKey' });
      return void res.status(found.reused ? 200 : 201).json(found);
    }
    res.status(201).json(await s.sessions.create(input, { ip: req.ip ?? 'unknown', viaApiKey: p.kind === 'apiKey' }));
  });

  r.get('/', async (req, res) => {
    requireStaff(res);
    const { limit, cursor, ...filters } = parse(sessionListQuerySchema, req.query, 'query');
    res.json(await s.sessions.list(filters, limit, cursor));
  });

  r.get('/stats', async (req, res) => {
    requireStaff(res);
    const { limit: _l, cursor: _c, ...filters } = parse(sessionListQuerySchema, req.query, 'query');
    res.json(await s.sessions.stats(filters));
  });

  r.get('/previews', async (req, res) => {
    const p = requireStaff(res);
    const { ids, q } = parse(sessionPreviewsQuerySchema, req.query, 'query');
    res.json({ previews: await s.inbox.previews(ids, p.kind === 'operator' ? p.operator.id : null, q) });
  });

  r.post('/:id/read', async (req, res) => {
    const p = requireStaff(res);
    const id = sessionIdOf(req);
    const { seq } = parse(sessionReadSchema, req.body);
    if (p.kind === 'operator') await s.inbox.markRead(p.operator.id, id, seq);
    res.status(204).end();
  });

  r.get('/:id', async (req, res) => {
    const id = sessionIdOf(req);
    const audience = assertSessionAccess(res, id);
    const session = await s.sessions.get(id);
    res.json({ session: viewOfSession(audience, session) });
  });

  r.patch('/:id', async (req, res) => {
    requireStaff(res);
    const id = sessionIdOf(req);
    const { metadata, fields } = parse(sessionPatchSchema, req.body);
    // Fields first: they are checked against the agent's fields, and a bad one changes nothing.
    let session = fields ? await s.leads.setByStaff(id, fields) : null;
    if (metadata) session = await s.sessions.patchMetadata(id, metadata);
    res.json({ session });
  });

  r.get('/:id/messages', async (req, res) => {
    const id = sessionIdOf(req);
    const audience = assertSessionAccess(res, id);
    const { afterSeq, limit } = parse(messagesQuerySchema, req.query, 'query');
    await s.sessions.get(id);
    res.json({ messages: await s.messages.list(id, audience, afterSeq, limit) });
  });

  r.post('/:id/messages', async (req, res) => {
    const id = sessionIdOf(req);
    assertSessionAccess(res, id);
    const { content, clientMessageId } = parse(messageSendSchema, req.body);
    const sender = { ip: req.ip ?? 'unknown', trusted: principalOf(res).kind !== 'customer' };
    if (!req.accepts(['application/json', 'text/event-stream']) || req.get('accept')?.includes('text/event-stream')) {
      return sendStreaming(s, req, res, id, content, clientMessageId, sender);
    }
    const sent = await s.chat.sendCustomerMessage(id, content, clientMessageId, sender);
    const reply = sent.reply ? await sent.reply : null;
    res.status(sent.duplicate ? 200 : 201).json({ message: sent.message, reply, duplicate: sent.duplicate });
  });

  r.post('/:id/context', async (req, res) => {
    requireStaff(res);
    const sent = await s.chat.injectContext(sessionIdOf(req), parse(contextSchema, req.body));
    res.status(sent.duplicate ? 200 : 201).json(sent);
  });

  r.post('/:id/help', async (req, res) => {
    const id = sessionIdOf(req);
    assertSessionAccess(res, id);
    const { reason } = parse(helpRequestSchema, req.body);
    const session = await s.chat.flagHelp(id, reason ?? null);
    res.json({ session: viewOfSession(principalOf(res).kind, session) });
  });

  r.delete('/:id/help', async (req, res) => {
    requireStaff(res);
    res.json({ session: await s.sessions.resolveHelp(sessionIdOf(req)) });
  });

  r.post('/:id/close', async (req, res) => {
    const id = sessionIdOf(req);
    const audience = assertSessionAccess(res, id);
    const session = await s.sessions.close(id);
    res.json({ session: viewOfSession(audience, session) });
  });

  return r;
}

async function sendStreaming(
  s: Services,
  req: Request,
  res: Parameters<Parameters<Router['post']>[1]>[1],
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
