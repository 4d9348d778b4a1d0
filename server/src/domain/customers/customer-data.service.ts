import type { CustomerExportDto, LeadFieldDto } from '../../../../shared/src/contract/types';
import type { AgentService } from '../agents/agent.service';
import { labelledFields, leadFieldsOf } from '../leads/lead-fields';
import { CallModel } from '../../db/models/call.model';
import { MessageModel } from '../../db/models/message.model';
import { SessionModel } from '../../db/models/session.model';
import { toCallDto } from '../calls/call.mapper';
import type { ErasureCounts, SessionEraser } from '../erasure/session-eraser';
import type { MemoryService } from '../memory/memory.service';
import { toMessageDto } from '../messages/message.mapper';
import { toSessionDto } from '../sessions/session.mapper';

/** What is kept about one customer (the integrator's `customerId`), across every agent: read it all, or erase it all. */
export class CustomerDataService {
  constructor(
    private readonly eraser: SessionEraser,
    private readonly memory: MemoryService,
    private readonly agents: AgentService,
  ) {}

  /** Everything stored about the customer, as staff see it (whispers and context included), oldest session first. */
  async export(customerId: string): Promise<CustomerExportDto> {
    const sessions = await SessionModel.find({ customerId }).sort({ createdAt: 1, _id: 1 }).lean();
    const ids = sessions.map((s) => s._id);
    const [messages, calls, memories] = await Promise.all([
      MessageModel.find({ sessionId: { $in: ids } }).sort({ sessionId: 1, seq: 1 }).lean(),
      CallModel.find({ sessionId: { $in: ids } }).sort({ createdAt: 1 }).lean(),
      this.memory.list(customerId),
    ]);
    const fieldsOf = await this.leadFieldsByAgent(sessions.map((s) => s.agentId.toHexString()));
    const messagesOf = groupBySession(messages);
    const callsOf = groupBySession(calls);
    return {
      customerId,
      exportedAt: new Date().toISOString(),
      sessions: sessions.map((s) => {
        const id = s._id.toHexString();
        const session = toSessionDto(s);
        const fields = labelledFields(fieldsOf.get(session.agentId) ?? [], session.fields);
        return { session, messages: (messagesOf.get(id) ?? []).map(toMessageDto), calls: (callsOf.get(id) ?? []).map(toCallDto), fields };
      }),
      memories,
    };
  }

  /** Each agent's lead fields (none for an agent that was deleted: its values keep their keys as labels). */
  private async leadFieldsByAgent(agentIds: string[]): Promise<Map<string, LeadFieldDto[]>> {
    const unique = [...new Set(agentIds)];
    const docs = await Promise.all(unique.map((id) => this.agents.getDoc(id).catch(() => null)));
    return new Map(unique.map((id, i) => [id, docs[i] ? leadFieldsOf(docs[i]) : []]));
  }

  /** Erases every session of the customer (messages, files, calls, logs) and what the agents remember of them. */
  async erase(customerId: string): Promise<ErasureCounts & { memories: number }> {
    const sessions = await SessionModel.find({ customerId }, { _id: 1 }).lean();
    const counts = await this.eraser.erase(sessions.map((s) => s._id.toHexString()), 'customer_request');
    return { ...counts, memories: await this.memory.erase(customerId) };
  }
}

function groupBySession<T extends { sessionId: { toHexString(): string } }>(docs: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const d of docs) {
    const id = d.sessionId.toHexString();
    const group = groups.get(id);
    if (group) group.push(d);
    else groups.set(id, [d]);
  }
  return groups;
}
