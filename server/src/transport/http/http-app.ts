import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Services } from '../../services';
import { authenticate } from './auth';
import { errorMiddleware, notFoundHandler } from './error-middleware';
import { authRoutes } from './routes/auth.routes';
import { healthRoutes } from './routes/health.routes';
import { metricsRoutes } from './routes/metrics.routes';
import { staticRoutes } from './routes/static.routes';
import { callEventsRoutes } from './routes/calls.routes';
import { openApiRoutes } from './openapi/openapi.routes';
import { CONTRACT } from '../../../../shared/src/contract';
import { v1Routes } from './routes/v1-routes';
import { queryGuard } from './query-guard';
import { assertSafeKeys } from './validate';
import { attachmentsCors } from './routes/attachments.routes';
import { demoApiRoutes } from './routes/demo-api.routes';
import { httpTracing } from '../../observability/http-tracing';

/** The express app: security headers, JSON with a size limit and a key guard, routes, errors. */
export function createHttpApp(s: Services, distDir: string): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', s.config.TRUST_PROXY);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: { 'script-src': ["'self'"], 'connect-src': ["'self'", 'ws:', 'wss:'], 'img-src': ["'self'", 'data:', 'blob:'] },
      },
      crossOriginResourcePolicy: { policy: 'same-site' },
    }),
  );
  app.use(httpTracing());
  app.use(s.metrics.http());
  app.use(healthRoutes(s));
  app.use(metricsRoutes(s.metrics, s.config.METRICS_TOKEN));
  app.use(queryGuard(CONTRACT));
  app.use('/v1', openApiRoutes());
  app.use('/v1/calls', callEventsRoutes(s));
  app.use(['/v1/attachments', '/v1/chat/sessions/:id/attachments'], attachmentsCors);
  app.use('/demo/api', demoApiRoutes());
  app.use(express.json({ limit: s.config.MAX_BODY_BYTES }));
  app.use((req, _res, next) => {
    assertSafeKeys(req.body);
    next();
  });
  app.use('/v1/auth', authRoutes(s));
  const v1 = express.Router();
  v1.use(authenticate(s));
  v1.use(v1Routes(s));
  app.use('/v1', v1);
  app.use(staticRoutes(s, distDir));
  app.use(notFoundHandler);
  app.use(errorMiddleware(s.logger));
  return app;
}
