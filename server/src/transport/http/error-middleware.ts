import type { ErrorRequestHandler, RequestHandler } from 'express';
import { toAppError } from '../error-mapping';
import { HTTP_STATUS } from '../../../../shared/src/errors';
import type { Logger } from '../../logger';

// Mapping any error to an AppError is shared by HTTP and sockets: it lives in transport/error-mapping.ts.
export { isStoreUnavailable, toAppError } from '../error-mapping';

export function errorMiddleware(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const appErr = toAppError(err, logger, { method: req.method, path: req.path });
    if (appErr.extra.retryAfter) res.setHeader('Retry-After', String(appErr.extra.retryAfter));
    if (res.headersSent) return void res.end();
    res.status(HTTP_STATUS[appErr.code]).json({ error: appErr.toBody() });
  };
}

export const notFoundHandler: RequestHandler = (req, res) => {
  res.status(404).json({ error: { code: 'not_found', message: `no route for ${req.method} ${req.path}` } });
};
