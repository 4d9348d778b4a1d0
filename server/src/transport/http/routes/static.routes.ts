import { Router, static as serveStatic } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { objectId } from '../../../../../shared/src/schemas';
import type { Services } from '../../../services';
import { sendBuilt } from '../precompressed';
import { demoPage } from './demo-page';

/** What these handlers use of the services. */
export type StaticDeps = Pick<Services, 'agents'>;

/** The rest of the widget, which widget.js fetches: ES modules named by their content hash. */
const WIDGET_MODULE = /^\/widget\/[\w-]+\.js(\.map)?$/;
/** A file of the console's own (no sub-folders), by type worth compressing. */
const CONSOLE_ASSET = /^\/console\/[\w.-]+\.(js|css|svg)$/;

/** The widget bundle, the demo page and the operator console. */
export function staticRoutes(s: StaticDeps, distDir: string): Router {
  const r = Router();
  const widgetFile = join(distDir, 'widget/widget.js');
  const consoleDir = join(distDir, 'console');

  r.get('/widget.js', (req, res) => {
    if (!existsSync(widgetFile)) return void res.status(503).type('text/plain').send('widget not built: run npm run build');
    // Any site may load the widget; it is cached briefly so deploys reach visitors quickly.
    sendBuilt(req, res, widgetFile, { 'Cache-Control': 'public, max-age=300', 'Cross-Origin-Resource-Policy': 'cross-origin', 'Access-Control-Allow-Origin': '*' });
  });
  r.get('/widget.js.map', (_req, res) => res.sendFile(`${widgetFile}.map`));
  r.get(WIDGET_MODULE, (req, res, next) => {
    const file = join(distDir, 'widget/app', req.path.slice('/widget/'.length));
    if (!existsSync(file)) return next();
    // A hashed name never changes content: cached for good. Modules from another origin need CORS.
    const headers = { 'Cache-Control': 'public, max-age=31536000, immutable', 'Cross-Origin-Resource-Policy': 'cross-origin', 'Access-Control-Allow-Origin': '*' };
    if (file.endsWith('.map')) return void res.set(headers).sendFile(file);
    sendBuilt(req, res, file, headers);
  });

  r.get('/demo', async (req, res) => {
    const requested = objectId.safeParse(req.query.agent);
    const agentId = requested.success ? requested.data : (await s.agents.findBySeedKey('demo'))?._id.toHexString();
    if (!agentId) return void res.status(404).type('text/plain').send('no demo agent: pass ?agent=<id>');
    res.type('html').send(demoPage(agentId));
  });

  // The bundles, compressed when the browser accepts it; anything else from the static middleware.
  r.get(CONSOLE_ASSET, (req, res, next) => {
    const file = join(consoleDir, req.path.slice('/console/'.length));
    if (!existsSync(file)) return next();
    sendBuilt(req, res, file, { 'Cache-Control': 'public, max-age=300' });
  });
  r.use('/console', serveStatic(consoleDir, { index: false, maxAge: '5m' }));
  r.get(/^\/console(\/.*)?$/, (_req, res) => {
    const index = join(consoleDir, 'index.html');
    if (!existsSync(index)) return void res.status(503).type('text/plain').send('console not built: run npm run build');
    res.set('Cache-Control', 'no-cache').sendFile(index);
  });
  r.get('/', (_req, res) => res.redirect('/console'));
  return r;
}
