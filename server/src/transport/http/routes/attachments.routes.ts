import type { Request, RequestHandler, Response } from 'express';
import multer from 'multer';
import * as op from '../../../../../shared/src/contract/attachments';
import { AppError } from '../../../domain/app-error';
import type { Uploader } from '../../../domain/attachments/attachment.service';
import { contentDisposition } from '../../../domain/attachments/file-type';
import type { Services } from '../../../services';
import type { Principal } from '../auth';
import type { ContractRouter } from '../contract-router';

/** What these handlers use of the services. */
export type AttachmentsDeps = Pick<Services, 'attachments' | 'config' | 'limits'>;

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

function uploaderOf(p: Principal): Uploader {
  if (p.kind === 'customer') return { role: 'customer' };
  return { role: 'operator', author: p.kind === 'operator' ? { id: p.operator.id, name: p.operator.name } : { id: p.key.id, name: 'Support' } };
}

/** Upload one file into the chat (POST /v1/chat/sessions/:id/attachments) and download it (GET /v1/attachments/:id). */
export function attachmentsRoutes(api: ContractRouter, s: AttachmentsDeps): void {
  const read = readFile(s.config.ATTACHMENT_MAX_BYTES);
  // Raw: a multipart upload, read after the access check.
  api.raw(op.uploadAttachment, async ({ params: { id }, audience, principal, req, res }) => {
    if (audience === 'customer') await s.limits.consume('messagesPerSession', id);
    const file = await read(req, res);
    const { attachment, message } = await s.attachments.upload(id, { bytes: file.buffer, name: file.originalname }, uploaderOf(principal));
    res.status(201).json({ attachment, message });
  });

  // Raw: the file's bytes, only to those who may read its session; never rendered as a page.
  api.raw(op.downloadAttachment, async ({ params: { id }, principal: p, res }) => {
    const sessionId = await s.attachments.sessionOf(id);
    // A customer token of another session learns nothing: the same 404 as an unknown id.
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
