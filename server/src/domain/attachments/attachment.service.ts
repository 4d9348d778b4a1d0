import type { AttachmentDto, MessageAuthor, MessageDto } from '../../../../shared/src/contract/types';
import { AppError } from '../app-error';
import type { MessageService } from '../messages/message.service';
import { attachmentUrl } from '../messages/message.mapper';
import type { AgentRuntime } from '../runtime/agent-runtime';
import type { SessionService } from '../sessions/session.service';
import type { AttachmentStore, StoredFileMeta } from './attachment-store';
import { safeFileName, sniffType } from './file-type';

export interface UploadedFile {
  bytes: Buffer;
  name: string;
}

/** Who sends the file: the session's customer, or staff (shown as an operator message). */
export type Uploader = { role: 'customer' } | { role: 'operator'; author: MessageAuthor };

export interface AttachmentOptions {
  allowedTypes: readonly string[];
}

/** Files in chats: type checked from the bytes, stored, and carried by a message. */
export class AttachmentService {
  constructor(
    private readonly store: AttachmentStore,
    private readonly sessions: SessionService,
    private readonly messages: MessageService,
    private readonly runtime: AgentRuntime,
    private readonly options: AttachmentOptions,
  ) {}

  async upload(sessionId: string, file: UploadedFile, by: Uploader): Promise<{ attachment: AttachmentDto; message: MessageDto }> {
    const session = await this.sessions.get(sessionId);
    if (session.status === 'closed') throw new AppError('session_closed', 'this session is closed; start a new one');
    const type = sniffType(file.bytes);
    if (!type || !this.options.allowedTypes.includes(type)) {
      throw new AppError('unsupported_media_type', `file: this type of file is not accepted (allowed: ${this.options.allowedTypes.join(', ')})`, { field: 'file' });
    }
    const meta: StoredFileMeta = { sessionId, name: safeFileName(file.name), type, size: file.bytes.length };
    const id = await this.store.put(meta, file.bytes);
    const ref = { id, name: meta.name, type, size: meta.size };
    const { message } =
      by.role === 'customer'
        ? await this.messages.append(sessionId, 'customer', '', { attachment: ref, wakes: true })
        : await this.messages.append(sessionId, 'operator', '', { attachment: ref, author: by.author });
    // The model hears of a customer's file (model-input.ts names it) and answers as usual.
    if (by.role === 'customer' && session.mode === 'ai') void this.runtime.requestReply(sessionId).catch(() => undefined);
    return { attachment: { ...ref, url: attachmentUrl(id) }, message };
  }

  /** The file, after the caller proved it may read `sessionId` (see `sessionOf`). */
  async download(id: string): Promise<{ meta: StoredFileMeta; bytes: Buffer }> {
    const meta = await this.store.meta(id);
    return { meta, bytes: await this.store.read(id) };
  }

  /** Which session an attachment belongs to, for the access check. */
  async sessionOf(id: string): Promise<string> {
    return (await this.store.meta(id)).sessionId;
  }
}
