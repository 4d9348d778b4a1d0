import { Types } from 'mongoose';
import type { z } from 'zod';
import type { AgentDto, AgentPrompt } from '../../../../shared/src/contract/types';
import type { agentCreateSchema, agentPatchSchema } from '../../../../shared/src/schemas';
import { AgentModel, type AgentDoc } from '../../db/models/agent.model';
import { AppError, notFound } from '../app-error';
import type { EventBus } from '../events/event-bus';
import { TtlCache } from '../ttl-cache';
import type { AgentApiKeys } from './agent-api-keys';
import type { AgentSecret } from './agent-secret';
import { toAgentDto as toDto } from './agent.mapper';
import { withModelStatus, type ServerModelSettings } from './model-status';

export type AgentCreateInput = z.output<typeof agentCreateSchema>;
export type AgentPatchInput = z.output<typeof agentPatchSchema>;
type LlmInput = AgentCreateInput['llm'];
type Update = { set: Record<string, unknown>; unset: string[] };

/**
 * An agent's tools and MCP servers (domain/tools): checked and sealed when saved, and the MCP
 * servers' tools listed after a save that sets them.
 */
export interface AgentToolConfig {
  prepare(agentId: string, input: Pick<AgentPatchInput, 'tools' | 'mcpServers'>, existing: AgentDoc | null): { tools?: unknown[]; mcpServers?: unknown[] };
  refresh(agent: AgentDoc): Promise<AgentDoc>;
  /** The egress policy's save-time check: throws 400 `egress_refused` naming `field`. */
  assertReachable(url: string, field: string): void;
}

/**
 * Agent configuration. Reads go through an in-memory cache (see TtlCache): the documents
 * it hands out are shared, so callers treat them as read-only.
 */
export class AgentService {
  private readonly cache: TtlCache<AgentDoc>;

  constructor(
    private readonly secrets: { apiKeys: AgentApiKeys; identity: AgentSecret; call: AgentSecret },
    private readonly bus?: EventBus,
    cacheMs = 30_000,
    private readonly tools?: AgentToolConfig,
    /** To say at save time when a model cannot answer (`llm.modelIssue`). */
    private readonly models?: ServerModelSettings,
  ) {
    this.cache = new TtlCache<AgentDoc>(cacheMs);
    bus?.subscribe((m) => {
      if (m.kind === 'agent-changed') this.cache.delete(m.agentId);
    });
  }

  private readonly toAgentDto = (doc: AgentDoc): AgentDto => withModelStatus(toDto(doc), this.models);

  /** Every URL of an agent the server will send to (besides tools, checked with them) passes the egress policy. */
  private checkUrls(input: { llm?: { baseUrl?: string | null }; callEscalation?: { webhookUrl?: string | null } }): void {
    if (input.llm?.baseUrl) this.tools?.assertReachable(input.llm.baseUrl, 'llm.baseUrl');
    if (input.callEscalation?.webhookUrl) this.tools?.assertReachable(input.callEscalation.webhookUrl, 'callEscalation.webhookUrl');
  }

  async create(input: AgentCreateInput, seedKey?: string): Promise<AgentDto> {
    this.checkUrls(input);
    const _id = new Types.ObjectId();
    const id = _id.toHexString();
    const { apiKey, ...llm } = input.llm;
    const key = apiKey ? this.secrets.apiKeys.seal(id, llm.baseUrl, apiKey) : {};
    const callEscalation = input.callEscalation.secret ? { ...input.callEscalation, secret: this.secrets.call.seal(id, input.callEscalation.secret) } : input.callEscalation;
    const toolFields = this.tools?.prepare(id, input, null) ?? { tools: [], mcpServers: [] };
    const doc = await AgentModel.create({ ...input, ...toolFields, _id, llm: { ...llm, ...key }, callEscalation, identitySecret: this.secrets.identity.generate(id).stored, seedKey });
    return this.toAgentDto(input.mcpServers.length && this.tools ? await this.tools.refresh(doc) : doc);
  }

  /** The HMAC key of `data-customer-hash` for this agent (admins give it to their backend). */
  async identitySecret(id: string): Promise<string> {
    const agent = await this.getDoc(id);
    const secret = this.identitySecretOf(agent);
    if (!secret) throw new AppError('conflict', 'the identity secret cannot be read (the secret key changed): rotate it');
    return secret;
  }

  /** Replaces the identity secret: hashes made with the old one stop verifying at once. */
  async rotateIdentitySecret(id: string): Promise<string> {
    const { stored, secret } = this.secrets.identity.generate(id);
    const doc = Types.ObjectId.isValid(id) ? await AgentModel.findByIdAndUpdate(id, { $set: { identitySecret: stored } }) : null;
    if (!doc) throw notFound('agent');
    this.changed(id);
    return secret;
  }

  /** The key that signs this agent's voice-platform requests and verifies their reports. */
  callSecretOf(agent: AgentDoc): string | undefined {
    return this.secrets.call.open(agent._id.toHexString(), agent.callEscalation?.secret);
  }

  identitySecretOf(agent: AgentDoc): string | undefined {
    return this.secrets.identity.open(agent._id.toHexString(), agent.identitySecret);
  }

  /** The API key to send with this agent's model requests, if it has one for its endpoint. */
  apiKeyOf(agent: AgentDoc): string | undefined {
    return agent.llm ? this.secrets.apiKeys.open(agent._id.toHexString(), agent.llm) : undefined;
  }

  async list(): Promise<AgentDto[]> {
    const docs = await AgentModel.find().sort({ createdAt: 1 });
    return docs.map(this.toAgentDto);
  }

  async get(id: string): Promise<AgentDto> {
    return this.toAgentDto(await this.getDoc(id));
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
    this.checkUrls(input);
    const update: Update = { set: {}, unset: [] };
    for (const [key, value] of Object.entries(input)) {
      if (value === undefined || key === 'tools' || key === 'mcpServers') continue;
      // Nested switches merge field by field so a PATCH of one command keeps the others.
      if (key === 'supportCommands' || key === 'callEscalation' || key === 'escalationLadder') {
        for (const [k, v] of Object.entries(value as object)) {
          if (v !== undefined) update.set[`${key}.${k}`] = key === 'callEscalation' && k === 'secret' ? this.secrets.call.seal(id, v as string) : v;
        }
      } else if (key === 'llm') this.llmUpdate(id, value as LlmInput, update);
      else update.set[key] = value;
    }
    if (input.tools || input.mcpServers) {
      const existing = Types.ObjectId.isValid(id) ? await AgentModel.findById(id) : null;
      if (!existing) throw notFound('agent');
      Object.assign(update.set, this.tools?.prepare(id, { tools: input.tools, mcpServers: input.mcpServers }, existing) ?? {});
    }
    const changes = { $set: update.set, ...(update.unset.length ? { $unset: Object.fromEntries(update.unset.map((path) => [path, ''])) } : {}) };
    const doc = Types.ObjectId.isValid(id) ? await AgentModel.findByIdAndUpdate(id, changes, { returnDocument: 'after', runValidators: true }) : null;
    if (!doc) throw notFound('agent');
    this.changed(id);
    return this.toAgentDto(input.mcpServers?.length && this.tools ? await this.tools.refresh(doc) : doc);
  }

  /**
   * Rewrites the prompt from the one stored now. The write is conditional on the prompt still
   * being the one read (compare-and-swap on the whole value), so two amendments at the same
   * instant both land, one on top of the other, instead of the later one erasing the first.
   */
  async amendPrompt(id: string, amend: (prompt: AgentPrompt) => AgentPrompt, attempts = 10): Promise<AgentDto> {
    if (!Types.ObjectId.isValid(id)) throw notFound('agent');
    for (let i = 0; i < attempts; i++) {
      const current = await AgentModel.findById(id, { prompt: 1 }).lean<{ prompt: AgentPrompt }>();
      if (!current) throw notFound('agent');
      const doc = await AgentModel.findOneAndUpdate({ _id: id, prompt: current.prompt }, { $set: { prompt: amend(current.prompt) } }, { returnDocument: 'after', runValidators: true });
      if (doc) {
        this.changed(id);
        return this.toAgentDto(doc);
      }
    }
    throw new AppError('conflict', 'the prompt kept changing while this change was applied; try again');
  }

  async remove(id: string): Promise<void> {
    const res = Types.ObjectId.isValid(id) ? await AgentModel.deleteOne({ _id: id }) : { deletedCount: 0 };
    if (res.deletedCount === 0) throw notFound('agent');
    this.changed(id);
  }

  /**
   * A new `llm` replaces the old one, except its API key: kept when the PATCH names none (it
   * still only goes to the endpoint it was given for), removed with `apiKey: null`.
   */
  private llmUpdate(id: string, llm: LlmInput, update: Update): void {
    const { apiKey, ...fields } = llm;
    for (const field of ['provider', 'model', 'baseUrl', 'temperature'] as const) {
      if (fields[field] === undefined) update.unset.push(`llm.${field}`);
      else update.set[`llm.${field}`] = fields[field];
    }
    if (apiKey === null) update.unset.push('llm.apiKey', 'llm.apiKeyFor');
    else if (apiKey) for (const [k, v] of Object.entries(this.secrets.apiKeys.seal(id, fields.baseUrl, apiKey))) update.set[`llm.${k}`] = v;
  }

  /** Forgets the cached agent in this process at once, and in the others through the bus. */
  private changed(id: string): void {
    this.cache.delete(id);
    this.bus?.send({ kind: 'agent-changed', agentId: id });
  }
}
