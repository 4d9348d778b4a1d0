import { Router, type Response } from 'express';
import { objectId } from '../../../../../shared/src/schemas';
import { handoffsQuerySchema, insightsQuerySchema, promptSuggestionAcceptSchema, promptSuggestionCreateSchema, promptSuggestionsQuerySchema } from '../../../../../shared/src/insights-schemas';
import type { Services } from '../../../services';
import { requireAdmin, requireStaff } from '../auth';
import { parse } from '../validate';

/** Who decided or suggested, as shown to admins: the operator's name, or the API key's id. */
function byWhom(res: Response): string {
  const p = requireStaff(res);
  return p.kind === 'operator' ? p.operator.name : `API key ${p.key.id}`;
}

/** Outcomes, the handoffs to learn from, and prompt suggestions (docs/insights.md). */
export function insightsRoutes(s: Services): Router {
  const r = Router();

  r.get('/', async (req, res) => {
    requireStaff(res);
    res.json(await s.insights.report(parse(insightsQuerySchema, req.query, 'query')));
  });

  r.get('/handoffs', async (req, res) => {
    requireStaff(res);
    res.json(await s.handoffInbox.list(parse(handoffsQuerySchema, req.query, 'query')));
  });

  r.get('/prompt-suggestions', async (req, res) => {
    requireStaff(res);
    res.json({ suggestions: await s.promptSuggestions.list(parse(promptSuggestionsQuerySchema, req.query, 'query')) });
  });

  r.post('/prompt-suggestions', async (req, res) => {
    const by = byWhom(res);
    res.status(201).json({ suggestion: await s.promptSuggestions.create(parse(promptSuggestionCreateSchema, req.body), by) });
  });

  r.post('/prompt-suggestions/:id/accept', async (req, res) => {
    requireAdmin(res);
    const { text } = parse(promptSuggestionAcceptSchema, req.body);
    res.json(await s.promptSuggestions.accept(parse(objectId, req.params.id, 'id'), byWhom(res), text));
  });

  r.post('/prompt-suggestions/:id/dismiss', async (req, res) => {
    requireAdmin(res);
    res.json({ suggestion: await s.promptSuggestions.dismiss(parse(objectId, req.params.id, 'id'), byWhom(res)) });
  });

  return r;
}
