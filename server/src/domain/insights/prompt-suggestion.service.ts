import { Types } from 'mongoose';
import type { AgentDto, AgentPrompt, PromptSuggestionDto, PromptSuggestionStatus } from '../../../../shared/src/contract/types';
import { PromptSuggestionModel, type PromptSuggestion } from '../../db/models/prompt-suggestion.model';
import { AppError, notFound } from '../app-error';

/** What accepting needs of the agents: that one exists, and an atomic change of its prompt. */
export interface PromptAgents {
  get(id: string): Promise<AgentDto>;
  amendPrompt(id: string, amend: (prompt: AgentPrompt) => AgentPrompt): Promise<AgentDto>;
}

type Stored = PromptSuggestion & { _id: Types.ObjectId; createdAt: Date };

const toDto = (s: Stored): PromptSuggestionDto => ({
  id: s._id.toHexString(),
  agentId: s.agentId.toHexString(),
  sessionId: s.sessionId ? s.sessionId.toHexString() : null,
  text: s.text,
  status: s.status as PromptSuggestionStatus,
  createdBy: s.createdBy,
  createdAt: s.createdAt.toISOString(),
  decidedBy: s.decidedBy ?? null,
  decidedAt: s.decidedAt ? s.decidedAt.toISOString() : null,
});

/** The prompt with `addition` as a new paragraph (a multi-state prompt: of its start state). */
export function withAddition(prompt: AgentPrompt, addition: string): AgentPrompt {
  const add = (text: string) => (text.trim() ? `${text.trimEnd()}\n\n${addition}` : addition);
  if (prompt.type === 'single') return { type: 'single', text: add(prompt.text) };
  return { ...prompt, states: prompt.states.map((s) => (s.name === prompt.start ? { ...s, prompt: add(s.prompt) } : s)) };
}

/**
 * Prompt changes suggested from handoffs. Deciding is one conditional update from `pending`
 * (two admins racing: one wins, the other gets 409 `conflict`); accepting then adds the text
 * to the agent's prompt with a compare-and-swap (two suggestions accepted at the same instant
 * both land), and if that fails the suggestion goes back to pending.
 */
export class PromptSuggestionService {
  constructor(
    private readonly agents: PromptAgents,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async create(input: { agentId: string; sessionId?: string; text: string }, by: string): Promise<PromptSuggestionDto> {
    await this.agents.get(input.agentId);
    const doc = await PromptSuggestionModel.create({ agentId: input.agentId, sessionId: input.sessionId ?? null, text: input.text, createdBy: by });
    return toDto(doc.toObject() as Stored);
  }

  async list(q: { agentId?: string; status?: PromptSuggestionStatus }): Promise<PromptSuggestionDto[]> {
    const filter = { ...(q.agentId ? { agentId: new Types.ObjectId(q.agentId) } : {}), ...(q.status ? { status: q.status } : {}) };
    return (await PromptSuggestionModel.find(filter).sort({ createdAt: -1 }).limit(200).lean<Stored[]>()).map(toDto);
  }

  async accept(id: string, by: string, text?: string): Promise<{ suggestion: PromptSuggestionDto; agent: AgentDto }> {
    const claimed = await this.decide(id, 'accepted', by, text);
    try {
      const updated = await this.agents.amendPrompt(claimed.agentId.toHexString(), (prompt) => withAddition(prompt, claimed.text));
      return { suggestion: toDto(claimed), agent: updated };
    } catch (err) {
      await PromptSuggestionModel.updateOne({ _id: claimed._id, status: 'accepted' }, { $set: { status: 'pending', decidedBy: null, decidedAt: null } });
      throw err;
    }
  }

  async dismiss(id: string, by: string): Promise<PromptSuggestionDto> {
    return toDto(await this.decide(id, 'dismissed', by));
  }

  private async decide(id: string, status: 'accepted' | 'dismissed', by: string, text?: string): Promise<Stored> {
    if (!Types.ObjectId.isValid(id)) throw notFound('prompt suggestion');
    const doc = await PromptSuggestionModel.findOneAndUpdate(
      { _id: id, status: 'pending' },
      { $set: { status, decidedBy: by, decidedAt: this.clock(), ...(text ? { text } : {}) } },
      { returnDocument: 'after' },
    ).lean<Stored>();
    if (doc) return doc;
    if (await PromptSuggestionModel.exists({ _id: id })) throw new AppError('conflict', 'this suggestion has already been decided');
    throw notFound('prompt suggestion');
  }
}
