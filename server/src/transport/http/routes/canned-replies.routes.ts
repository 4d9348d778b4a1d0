import { Router } from 'express';
import { cannedReplyCreateSchema, objectId } from '../../../../../shared/src/schemas';
import type { Services } from '../../../services';
import { requireStaff } from '../auth';
import { parse } from '../validate';

/** /v1/agents/:id/canned-replies: saved answers, for everyone on staff. */
export function cannedRepliesRoutes(s: Services): Router {
  const r = Router({ mergeParams: true });
  const agentId = (params: Record<string, string | undefined>) => parse(objectId, params.id, 'id');

  r.post('/', async (req, res) => {
    requireStaff(res);
    const input = parse(cannedReplyCreateSchema, req.body);
    res.status(201).json({ cannedReply: await s.cannedReplies.create(agentId(req.params), input) });
  });
  r.get('/', async (req, res) => {
    requireStaff(res);
    res.json({ cannedReplies: await s.cannedReplies.list(agentId(req.params)) });
  });
  r.delete('/:replyId', async (req, res) => {
    requireStaff(res);
    await s.cannedReplies.remove(agentId(req.params), String(req.params.replyId));
    res.status(204).end();
  });
  return r;
}
