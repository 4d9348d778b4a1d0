import { Router } from 'express';
import * as op from '../../../../../shared/src/contract/health';
import { contractRouter } from '../contract-router';
import { renderDocsPage } from './docs-page';
import { buildOpenApiDocument } from './openapi-document';

/** GET /v1/openapi.json and GET /v1/docs: public, built once on first request. */
export function openApiRoutes(): Router {
  const api = contractRouter('/v1');
  let doc: Record<string, unknown> | null = null;
  let page: string | null = null;
  const document = () => (doc ??= buildOpenApiDocument());
  api.raw(op.openApiDocument, ({ res }) => {
    res.set('Cache-Control', 'public, max-age=300').json(document());
  });
  const r = Router();
  r.use(api.build());
  // The HTML page is not an API operation (not in the document it renders).
  r.get('/docs', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=300').type('html').send((page ??= renderDocsPage(document())));
  });
  return r;
}
