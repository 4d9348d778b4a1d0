import { Schema, model, type InferSchemaType, type HydratedDocument } from 'mongoose';

const toolSchema = new Schema(
  {
    name: { type: String, required: true },
    description: { type: String, default: '' },
    parameters: { type: Schema.Types.Mixed, default: () => ({ type: 'object', properties: {} }) },
    http: { url: { type: String, required: true }, method: { type: String, default: 'POST' } },
    secret: { type: String },
    timeoutMs: { type: Number, default: 10_000 },
    approval: { type: String, default: 'never' },
    progressLabel: { type: String, default: null },
  },
  { _id: false, minimize: false },
);

const mcpServerSchema = new Schema(
  {
    name: { type: String, required: true },
    url: { type: String, required: true },
    /** The headers as sealed JSON (write-only on the wire). */
    headers: { type: String },
    allowedTools: { type: [String], default: undefined },
    approval: { type: String, default: 'never' },
    /** The last listing; `inputSchema` kept as JSON text (MCP schemas carry `$`-keys MongoDB refuses). */
    tools: { type: [new Schema({ name: String, description: String, inputSchema: String }, { _id: false })], default: [] },
    listedAt: { type: Date, default: null },
    error: { type: String, default: null },
  },
  { _id: false, minimize: false },
);

const agentSchema = new Schema(
  {
    name: { type: String, required: true },
    prompt: { type: Schema.Types.Mixed, required: true },
    llm: {
      provider: { type: String, required: true, enum: ['openai', 'openai-compatible', 'offline'] },
      model: { type: String, required: true },
      baseUrl: { type: String },
      temperature: { type: Number },
      /** The agent's API key, AES-256-GCM encrypted and bound to the agent and `apiKeyFor` (see domain/agents/agent-api-keys.ts). */
      apiKey: { type: String },
      /** The endpoint (`baseUrl`, '' for the default) the key was given for; it is sent nowhere else. */
      apiKeyFor: { type: String },
    },
    knowledgeBaseIds: { type: [Schema.Types.ObjectId], default: [] },
    memory: { enabled: { type: Boolean, default: false } },
    supportCommands: {
      whisper: { type: Boolean, default: true },
      tell: { type: Boolean, default: true },
      takeover: { type: Boolean, default: true },
    },
    callEscalation: {
      enabled: { type: Boolean, default: false },
      webhookUrl: { type: String },
      secret: { type: String },
      voiceAgentId: { type: String },
    },
    escalationLadder: {
      enabled: { type: Boolean, default: false },
      waitSeconds: { type: Number, default: 60 },
    },
    dormantAfterSeconds: { type: Number, default: 1800 },
    greeting: { type: String, default: '' },
    /** Lead capture: `LeadFieldDto`s as validated by leadFieldsSchema (read through domain/leads/lead-fields.ts). */
    fields: { type: [Schema.Types.Mixed], default: [] },
    language: { type: String, default: 'en' },
    allowedOrigins: { type: [String], default: [] },
    /** `{timezone, weekly, holidays}` (see shared/src/business-hours.ts); null = always open. */
    businessHours: { type: Schema.Types.Mixed, default: null },
    /** HTTP tools (SPEC §8); `secret` sealed like the other agent secrets (see domain/tools/tool-definitions.ts). */
    tools: { type: [toolSchema], default: [] },
    mcpServers: { type: [mcpServerSchema], default: [] },
    approvalTimeoutSeconds: { type: Number, default: 300 },
    /** Signs `data-customer-hash` (HMAC of the customer id); shown to admins only. */
    identitySecret: { type: String, required: true },
    /** Marks the seeded demo agent so a second start does not seed again. */
    seedKey: { type: String },
  },
  { timestamps: true, minimize: false },
);
agentSchema.index({ seedKey: 1 }, { unique: true, sparse: true });

export type Agent = InferSchemaType<typeof agentSchema>;
export type AgentDoc = HydratedDocument<Agent>;
export const AgentModel = model('Agent', agentSchema);
