import { Router } from 'express';
import { renderDocsPage } from './docs-page';
import { buildOpenApiDocument } from './openapi-document';

/** GET /v1/openapi.json and GET /v1/docs: public, built once on first request. */
export function openApiRoutes(): Router {
  const r = Router();
  let doc: Record<string, unknown> | null = null;
  let page: string | null = null;
  const document = () => (doc ??= buildOpenApiDocument());
  r.get('/openapi.json', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=300').json(document());
  });
  r.get('/docs', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=300').type('html').send((page ??= renderDocsPage(document())));
  });
  return r;
}
