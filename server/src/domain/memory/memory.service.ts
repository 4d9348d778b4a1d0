import { Types } from 'mongoose';
import type { CustomerMemoryDto, MessageDto, SessionDto } from '../../../../shared/src/contract/types';
import { CustomerMemoryModel } from '../../db/models/customer-memory.model';
import type { AgentDoc } from '../../db/models/agent.model';
import type { Logger } from '../../logger';
import type { AgentService } from '../agents/agent.service';
import type { MessageService } from '../messages/message.service';
import type { MemoryRecall } from '../runtime/agent-runtime';
import type { LlmProvider } from '../runtime/llm-provider';
import { extractiveSummary } from './extractive-summary';

const RECALL_LIMIT = 3;
const SUMMARY_PROMPT =
  'Summarise this support conversation in at most three sentences for the assistant’s memory of this customer: ' +
  'who they are, what they wanted, what was resolved or promised. No greetings.';

/** What agents remember of a customer: one summary per finished session, erasable on request. */
export class MemoryService implements MemoryRecall {
  constructor(
    private readonly agents: AgentService,
    private readonly messages: MessageService,
    private readonly providerFor: (agent: AgentDoc) => LlmProvider,
    private readonly logger: Logger,
  ) {}

  async recall(agentId: string, customerId: string): Promise<string[]> {
    const docs = await CustomerMemoryModel.find({ agentId: new Types.ObjectId(agentId), customerId }).sort({ createdAt: -1 }).limit(RECALL_LIMIT).lean();
    return docs.map((d) => d.summary);
  }

  /**
   * Writes the session's summary when it goes dormant or closes. A session that carried on
   * after going dormant is summarised again when it ends; one summarised up to its last
   * message is left alone, and a call already running for the session is not repeated.
   */
  remember(session: SessionDto): Promise<void> {
    const running = this.remembering.get(session.id);
    if (running) return running;
    const work = this.write(session).finally(() => this.remembering.delete(session.id));
    this.remembering.set(session.id, work);
    return work;
  }

  private readonly remembering = new Map<string, Promise<void>>();

  private async write(session: SessionDto): Promise<void> {
    const agent = await this.agents.getDoc(session.agentId);
    if (!agent.memory?.enabled || session.customerId.startsWith('visitor_')) return;
    const sessionId = new Types.ObjectId(session.id);
    if (await CustomerMemoryModel.exists({ sessionId, summarisedSeq: { $gte: session.lastSeq } })) return;
    const history = await this.messages.list(session.id, 'customer', 0, 500);
    if (!history.some((m) => m.role === 'customer')) return;
    const summary = await this.summarise(agent, history);
    await CustomerMemoryModel.updateOne(
      { sessionId },
      { $set: { summary, summarisedSeq: session.lastSeq }, $setOnInsert: { agentId: agent._id, customerId: session.customerId } },
      { upsert: true },
    );
    this.logger.info({ sessionId: session.id }, 'customer memory written');
  }

  /** A summary of the conversation so far (for a call hand-off). */
  async summaryOf(sessionId: string, agent: AgentDoc): Promise<string> {
    return this.summarise(agent, await this.messages.list(sessionId, 'customer', 0, 500));
  }

  async list(customerId: string): Promise<CustomerMemoryDto[]> {
    const docs = await CustomerMemoryModel.find({ customerId }).sort({ createdAt: -1 }).lean();
    return docs.map((d) => ({ id: d._id.toHexString(), agentId: d.agentId.toHexString(), sessionId: d.sessionId.toHexString(), summary: d.summary, createdAt: d.createdAt.toISOString() }));
  }

  /** Erase means gone: every summary of this customer is deleted. */
  async erase(customerId: string): Promise<number> {
    return (await CustomerMemoryModel.deleteMany({ customerId })).deletedCount;
  }

  private async summarise(agent: AgentDoc, history: MessageDto[]): Promise<string> {
    if ((agent.llm?.provider ?? 'offline') === 'offline') return extractiveSummary(history);
    try {
      const transcript = history.map((m) => `${m.role}: ${m.content}`).join('\n');
      let text = '';
      const stream = this.providerFor(agent).stream({
        model: agent.llm?.model ?? '',
        messages: [{ role: 'system', content: SUMMARY_PROMPT }, { role: 'user', content: transcript.slice(-12_000) }],
        signal: AbortSignal.timeout(30_000),
      });
      for await (const e of stream) if (e.type === 'delta') text += e.text;
      return text.trim() || extractiveSummary(history);
    } catch (err) {
      this.logger.warn({ err }, 'model summary failed; using an extractive one');
      return extractiveSummary(history);
    }
  }
}
