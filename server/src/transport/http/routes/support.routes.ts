import { Router } from 'express';
import { objectId, tellSchema, whisperSchema } from '../../../../../shared/src/schemas';
import type { Services } from '../../../services';
import { actorOf } from '../auth';
import { parse } from '../validate';

/** Support commands over REST, for custom consoles: same rules as the operator sockets. */
export function supportRoutes(s: Services): Router {
  const r = Router();
  const id = (raw: unknown) => parse(objectId, raw, 'id');

  r.post('/:id/whisper', async (req, res) => {
    const sent = await s.support.whisper(id(req.params.id), actorOf(res), parse(whisperSchema, req.body));
    res.status(sent.duplicate ? 200 : 201).json(sent);
  });
  r.post('/:id/tell', async (req, res) => {
    const sent = await s.support.tell(id(req.params.id), actorOf(res), parse(tellSchema, req.body));
    res.status(sent.duplicate ? 200 : 201).json(sent);
  });
  r.post('/:id/takeover', async (req, res) => {
    res.json({ session: await s.support.takeover(id(req.params.id), actorOf(res)) });
  });
  r.post('/:id/release', async (req, res) => {
    res.json({ session: await s.support.release(id(req.params.id), actorOf(res)) });
  });
  return r;
}
