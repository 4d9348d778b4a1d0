import { Router, type Request } from 'express';
import { assignSchema, csatSchema, objectId, transcriptQuerySchema } from '../../../../../shared/src/schemas';
import { viewOfSession } from '../../../domain/audience/audience';
import { contentDisposition } from '../../../domain/attachments/file-type';
import type { Services } from '../../../services';
import { assertSessionAccess, requireStaff } from '../auth';
import { parse } from '../validate';

const sessionIdOf = (req: Request): string => parse(objectId, req.params.id, 'id');

/** Support-desk session routes: assignment, CSAT, transcripts, canned reply rendering. */
export function deskRoutes(s: Services): Router {
  const r = Router();

  r.post('/:id/assign', async (req, res) => {
    const p = requireStaff(res);
    const { operatorId } = parse(assignSchema, req.body);
    const by = p.kind === 'operator' ? { id: p.operator.id, isAdmin: p.operator.role === 'admin' } : { id: p.key.id, isAdmin: true };
    res.json({ session: await s.assignment.assign(sessionIdOf(req), by, operatorId) });
  });

  r.post('/:id/csat', async (req, res) => {
    const id = sessionIdOf(req);
    const audience = assertSessionAccess(res, id);
    const { rating, comment } = parse(csatSchema, req.body);
    const session = await s.sessions.rate(id, rating, comment || null);
    res.status(201).json({ session: viewOfSession(audience, session) });
  });

  r.get('/:id/transcript', async (req, res) => {
    const id = sessionIdOf(req);
    assertSessionAccess(res, id);
    const { format } = parse(transcriptQuerySchema, req.query, 'query');
    const t = await s.transcripts.render(id, format);
    res.set({ 'Content-Type': t.contentType, 'Content-Disposition': contentDisposition('attachment', t.filename), 'X-Content-Type-Options': 'nosniff' });
    res.send(t.body);
  });

  r.get('/:id/canned-replies/:replyId/render', async (req, res) => {
    requireStaff(res);
    res.json(await s.cannedReplies.render(sessionIdOf(req), String(req.params.replyId)));
  });

  return r;
}
