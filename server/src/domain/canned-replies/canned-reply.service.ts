import { Types } from 'mongoose';
import type { CannedReplyDto } from '../../../../shared/src/contract/types';
import { renderCannedText } from '../../../../shared/src/canned';
import { CannedReplyModel, type CannedReply } from '../../db/models/canned-reply.model';
import { isDuplicateKey } from '../../db/duplicate-key';
import { AppError, notFound } from '../app-error';
import type { AgentService } from '../agents/agent.service';
import type { SessionService } from '../sessions/session.service';

type CannedReplyLike = CannedReply & { _id: Types.ObjectId; createdAt: Date };

function toDto(r: CannedReplyLike): CannedReplyDto {
  return { id: r._id.toHexString(), agentId: r.agentId.toHexString(), shortcut: r.shortcut, text: r.text, createdAt: new Date(r.createdAt).toISOString() };
}


/** Saved answers per agent, and their rendering against one session's metadata. */
export class CannedReplyService {
  constructor(
    private readonly agents: AgentService,
    private readonly sessions: SessionService,
  ) {}

  async create(agentId: string, input: { shortcut: string; text: string }): Promise<CannedReplyDto> {
    const agent = await this.agents.getDoc(agentId);
    try {
      const doc = await CannedReplyModel.create({ agentId: agent._id, shortcut: input.shortcut, text: input.text });
      return toDto(doc.toObject());
    } catch (err) {
      if (isDuplicateKey(err)) throw new AppError('conflict', `this agent already has a canned reply ${input.shortcut}`, { field: 'shortcut' });
      throw err;
    }
  }

  async list(agentId: string): Promise<CannedReplyDto[]> {
    const agent = await this.agents.getDoc(agentId);
    const docs = await CannedReplyModel.find({ agentId: agent._id }).sort({ shortcut: 1 }).lean();
    return docs.map(toDto);
  }

  async remove(agentId: string, replyId: string): Promise<void> {
    const agent = await this.agents.getDoc(agentId);
    const res = Types.ObjectId.isValid(replyId) ? await CannedReplyModel.deleteOne({ _id: replyId, agentId: agent._id }) : { deletedCount: 0 };
    if (res.deletedCount === 0) throw notFound('canned reply');
  }

  /** The reply's text with `{{metadata.…}}` filled from the session (the reply must belong to its agent). */
  async render(sessionId: string, replyId: string): Promise<{ reply: CannedReplyDto; text: string }> {
    const session = await this.sessions.get(sessionId);
    const doc = Types.ObjectId.isValid(replyId) ? await CannedReplyModel.findOne({ _id: replyId, agentId: new Types.ObjectId(session.agentId) }).lean() : null;
    if (!doc) throw notFound('canned reply');
    return { reply: toDto(doc), text: renderCannedText(doc.text, session.metadata) };
  }
}
