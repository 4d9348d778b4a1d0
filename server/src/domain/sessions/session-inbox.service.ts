import { Types } from 'mongoose';
import type { SessionPreviewDto } from '../../../../shared/src/contract/types';
import { MessageModel } from '../../db/models/message.model';
import { SessionReadModel } from '../../db/models/session-read.model';
import { escapeRegex } from './session-query';

/** What the preview shows: what the customer and the team said, never staff-only notes. */
const PREVIEW_ROLES: ('customer' | 'agent' | 'operator')[] = ['customer', 'agent', 'operator'];
const PREVIEW_CHARS = 140;
type PreviewRole = NonNullable<SessionPreviewDto['lastMessage']>['role'];
const SNIPPET_CONTEXT_CHARS = 50;

/**
 * The session log as an inbox (issue 22.5): each row's last message, the line a word search
 * hit, and how many customer messages this operator has not read yet. Read marks are one
 * document per (operator, session), only ever moved forward ($max), so two tabs cannot rewind them.
 */
export class SessionInboxService {
  /** Marks the session read up to `seq` for this operator. */
  async markRead(operatorId: string, sessionId: string, seq: number): Promise<void> {
    await SessionReadModel.updateOne(
      { operatorId: new Types.ObjectId(operatorId), sessionId: new Types.ObjectId(sessionId) },
      { $max: { lastReadSeq: seq } },
      { upsert: true },
    ).catch((err: unknown) => {
      // Two first marks at once: one inserted, the other lost the race on the unique index; retry moves it forward.
      if ((err as { code?: number }).code !== 11000) throw err;
      return SessionReadModel.updateOne({ operatorId, sessionId }, { $max: { lastReadSeq: seq } });
    });
  }

  /** One preview per session id (unread counted for `operatorId`; 0 for an API key). */
  async previews(sessionIds: string[], operatorId: string | null, q?: string): Promise<SessionPreviewDto[]> {
    const ids = sessionIds.filter((id) => Types.ObjectId.isValid(id)).map((id) => new Types.ObjectId(id));
    const reads = operatorId ? await SessionReadModel.find({ operatorId: new Types.ObjectId(operatorId), sessionId: { $in: ids } }).lean() : [];
    const readUpTo = new Map(reads.map((r) => [r.sessionId.toHexString(), r.lastReadSeq]));
    return Promise.all(ids.map((id) => this.previewOf(id, operatorId ? (readUpTo.get(id.toHexString()) ?? 0) : null, q)));
  }

  private async previewOf(sessionId: Types.ObjectId, readUpTo: number | null, q?: string): Promise<SessionPreviewDto> {
    const [last, unread, hit] = await Promise.all([
      MessageModel.findOne({ sessionId, role: { $in: PREVIEW_ROLES } }, { role: 1, content: 1, seq: 1 }).sort({ seq: -1 }).lean(),
      readUpTo === null ? Promise.resolve(0) : MessageModel.countDocuments({ sessionId, role: 'customer', seq: { $gt: readUpTo } }),
      q ? this.firstHit(sessionId, q) : Promise.resolve(null),
    ]);
    return {
      sessionId: sessionId.toHexString(),
      lastMessage: last ? { role: last.role as PreviewRole, text: clip(last.content, PREVIEW_CHARS) } : null,
      unread,
      snippet: hit,
    };
  }

  /** The text around the first word of `q` in the session's latest matching message. */
  private async firstHit(sessionId: Types.ObjectId, q: string): Promise<string | null> {
    const word = q.trim().split(/\s+/)[0];
    if (!word) return null;
    const pattern = new RegExp(escapeRegex(word), 'i');
    const m = await MessageModel.findOne({ sessionId, content: { $regex: escapeRegex(word), $options: 'i' } }, { content: 1 }).sort({ seq: -1 }).lean();
    if (!m) return null;
    const at = m.content.search(pattern);
    const from = Math.max(0, at - SNIPPET_CONTEXT_CHARS);
    const to = Math.min(m.content.length, at + word.length + SNIPPET_CONTEXT_CHARS);
    return `${from > 0 ? '…' : ''}${m.content.slice(from, to).replace(/\s+/g, ' ').trim()}${to < m.content.length ? '…' : ''}`;
  }
}

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
