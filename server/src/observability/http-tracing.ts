/**
 * A SERVER span per HTTP request (continuing the caller's `traceparent`), named by method and
 * route template once routing is known: `GET /v1/chat/sessions/:id`. Installed only when
 * tracing is on.
 */
import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { tracer, tracingEnabled } from './tracing';

/** The Express middleware; a pass-through when tracing is off. */
export function httpTracing(): RequestHandler {
  if (!tracingEnabled()) return (_req, _res, next) => next();
  return (req: Request, res: Response, next: NextFunction): void => {
    const parent = propagation.extract(context.active(), req.headers);
    const span = tracer().startSpan(req.method, {
      kind: SpanKind.SERVER,
      attributes: { 'http.request.method': req.method, 'url.path': req.path, 'url.scheme': req.protocol },
    }, parent);
    res.once('finish', () => {
      // A router's own `/` would leave a trailing slash: `/v1/chat/sessions/`.
      const route = req.route ? `${req.baseUrl}${(req.route as { path: string }).path}`.replace(/(.)\/$/, '$1') : undefined;
      if (route) {
        span.setAttribute('http.route', route);
        span.updateName(`${req.method} ${route}`);
      }
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    context.with(trace.setSpan(parent, span), next);
  };
}
