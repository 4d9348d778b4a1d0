import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import type { z } from 'zod';
import type { AgentDto } from '../../../../shared/src/dto';
import type { agentCreateSchema, agentPatchSchema } from '../../../../shared/src/schemas';
import { AgentModel, type AgentDoc } from '../../db/models/agent.model';
import { notFound } from '../app-error';
import type { EventBus } from '../events/event-bus';
import { TtlCache } from '../ttl-cache';
import { toAgentDto } from './agent.mapper';

export type AgentCreateInput = z.output<typeof agentCreateSchema>;
export type AgentPatchInput = z.output<typeof agentPatchSchema>;

/**
 * Agent configuration. Reads go through an in-memory cache (see TtlCache): the documents
 * it hands out are shared, so callers treat them as read-only.
 */
export class AgentService {
  private readonly cache: TtlCache<AgentDoc>;

  constructor(
    private readonly bus?: EventBus,
    cacheMs = 30_000,
  ) {
    this.cache = new TtlCache<AgentDoc>(cacheMs);
    bus?.subscribe((m) => {
      if (m.kind === 'agent-changed') this.cache.delete(m.agentId);
    });
  }

  async create(input: AgentCreateInput, seedKey?: string): Promise<AgentDto> {
    const doc = await AgentModel.create({ ...input, identitySecret: randomBytes(32).toString('hex'), seedKey });
    return toAgentDto(doc);
  }

  async list(): Promise<AgentDto[]> {
    const docs = await AgentModel.find().sort({ createdAt: 1 });
    return docs.map(toAgentDto);
  }

  async get(id: string): Promise<AgentDto> {
    return toAgentDto(await this.getDoc(id));
  }

  async getDoc(id: string): Promise<AgentDoc> {
    const doc = Types.ObjectId.isValid(id) ? await this.cache.get(id, () => AgentModel.findById(id).exec()) : null;
    if (!doc) throw notFound('agent');
    return doc;
  }

  async findBySeedKey(seedKey: string): Promise<AgentDoc | null> {
    return AgentModel.findOne({ seedKey });
  }

  async patch(id: string, input: AgentPatchInput): Promise<AgentDto> {
    const set: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(input)) {
      if (value === undefined) continue;
      // Nested switches merge field by field so a PATCH of one command keeps the others.
      if (key === 'supportCommands' || key === 'callEscalation' || key === 'escalationLadder') {
        for (const [k, v] of Object.entries(value as object)) if (v !== undefined) set[`${key}.${k}`] = v;
      } else set[key] = value;
    }
    const doc = Types.ObjectId.isValid(id) ? await AgentModel.findByIdAndUpdate(id, { $set: set }, { returnDocument: 'after', runValidators: true }) : null;
    if (!doc) throw notFound('agent');
    this.changed(id);
    return toAgentDto(doc);
  }

  async remove(id: string): Promise<void> {
    const res = Types.ObjectId.isValid(id) ? await AgentModel.deleteOne({ _id: id }) : { deletedCount: 0 };
    if (res.deletedCount === 0) throw notFound('agent');
    this.changed(id);
  }

  /** Forgets the cached agent in this process at once, and in the others through the bus. */
  private changed(id: string): void {
    this.cache.delete(id);
    this.bus?.send({ kind: 'agent-changed', agentId: id });
  }
}
