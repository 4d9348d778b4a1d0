import { Schema, model, type InferSchemaType, type HydratedDocument } from 'mongoose';

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
