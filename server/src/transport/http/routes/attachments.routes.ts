import { Router, type Request, type RequestHandler, type Response } from 'express';
import multer from 'multer';
import { objectId } from '../../../../../shared/src/schemas';
import { AppError } from '../../../domain/app-error';
import type { Uploader } from '../../../domain/attachments/attachment.service';
import { contentDisposition } from '../../../domain/attachments/file-type';
import type { Services } from '../../../services';
import { assertSessionAccess, principalOf } from '../auth';
import { parse } from '../validate';

/** Reads the one multipart field `file` into memory, within the configured size. */
function readFile(maxBytes: number): (req: Request, res: Response) => Promise<Express.Multer.File> {
  const single = multer({ storage: multer.memoryStorage(), limits: { fileSize: maxBytes, files: 1, fields: 5 } }).single('file');
  return (req, res) =>
    new Promise((resolve, reject) =>
      single(req, res, (err: unknown) => {
        if (err instanceof multer.MulterError) {
          if (err.code === 'LIMIT_FILE_SIZE') return reject(new AppError('payload_too_large', `file: larger than ${maxBytes} bytes`, { field: 'file' }));
          return reject(new AppError('invalid_request', `file: ${err.message}`, { field: 'file' }));
        }
        if (err) return reject(err instanceof Error ? err : new Error(String(err)));
        if (!req.file) return reject(new AppError('invalid_request', 'file: send the file as multipart/form-data field "file"', { field: 'file' }));
        resolve(req.file);
      }),
    );
}

function uploaderOf(res: Response): Uploader {
  const p = principalOf(res);
  if (p.kind === 'customer') return { role: 'customer' };
  return { role: 'operator', author: p.kind === 'operator' ? { id: p.operator.id, name: p.operator.name } : { id: p.key.id, name: 'Support' } };
}

/** POST /v1/chat/sessions/:id/attachments: upload one file into the chat. */
export function sessionAttachmentsRoutes(s: Services): Router {
  const r = Router();
  const read = readFile(s.config.ATTACHMENT_MAX_BYTES);
  r.post('/:id/attachments', async (req, res) => {
    const id = parse(objectId, req.params.id, 'id');
    const audience = assertSessionAccess(res, id);
    if (audience === 'customer') await s.limits.consume('messagesPerSession', id);
    const file = await read(req, res);
    const { attachment, message } = await s.attachments.upload(id, { bytes: file.buffer, name: file.originalname }, uploaderOf(res));
    res.status(201).json({ attachment, message });
  });
  return r;
}

/** GET /v1/attachments/:id: only to those who may read its session; never rendered as a page. */
export function attachmentsRoutes(s: Services): Router {
  const r = Router();
  r.get('/:id', async (req, res) => {
    const id = parse(objectId, req.params.id, 'id');
    const sessionId = await s.attachments.sessionOf(id);
    // A customer token of another session learns nothing: the same 404 as an unknown id.
    const p = principalOf(res);
    if (p.kind === 'customer' && p.sessionId !== sessionId) throw new AppError('not_found', 'attachment not found');
    const { meta, bytes } = await s.attachments.download(id);
    res.set({
      'Content-Type': meta.type,
      'Content-Length': String(bytes.length),
      'Content-Disposition': contentDisposition(meta.type.startsWith('image/') ? 'inline' : 'attachment', meta.name),
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
      // Never from a shared cache: the browser cache is keyed by URL, not by the bearer header.
      'Cache-Control': 'private, no-store',
    });
    res.end(bytes);
  });
  return r;
}

/**
 * CORS for the two attachment endpoints only, so the widget on a customer's site can upload
 * and fetch with its bearer token. Credentials are never ambient (no cookies), so answering
 * any origin reveals nothing without the token; preflights are answered before auth.
 */
export const attachmentsCors: RequestHandler = (req, res, next) => {
  const origin = req.headers.origin;
  if (!origin) return next();
  res.set({ 'Access-Control-Allow-Origin': origin, Vary: 'Origin', 'Access-Control-Allow-Headers': 'Authorization, Content-Type', 'Access-Control-Allow-Methods': 'GET, POST', 'Access-Control-Max-Age': '600' });
  if (req.method === 'OPTIONS') return void res.status(204).end();
  next();
};
