import { Schema, model, type InferSchemaType, type HydratedDocument } from 'mongoose';

const sessionSchema = new Schema(
  {
    agentId: { type: Schema.Types.ObjectId, required: true },
    customerId: { type: String, required: true },
    metadata: { type: Schema.Types.Mixed, default: {} },
    status: { type: String, enum: ['active', 'dormant', 'closed'], default: 'active' },
    mode: { type: String, enum: ['ai', 'support'], default: 'ai' },
    helpRequested: { type: Boolean, default: false },
    helpRequestedAt: { type: Date, default: null },
    helpReason: { type: String, default: null },
    assignedTo: { type: Schema.Types.ObjectId, default: null },
    currentState: { type: String, default: null },
    /** Lead fields captured, by key (see domain/leads/); written only with `$set: {'fields.<key>': …}`. */
    fields: { type: Schema.Types.Mixed, default: {} },
    /** Every required lead field is captured; kept in step by domain/leads/fields-store.ts. Absent (older sessions) reads as true. */
    fieldsComplete: { type: Boolean, default: true },
    /** When the customer sent the widget's pre-chat form: it is not asked again (even for optional fields left empty). */
    prechatAt: { type: Date, default: null },
    lastMessageAt: { type: Date, default: null },
    /** Who spoke last: customer, agent or operator (notices and staff-only messages do not count). */
    lastMessageFrom: { type: String, default: null },
    /** Time of the last activity that keeps a session awake; drives the dormancy sweep. */
    lastActivityAt: { type: Date, default: () => new Date() },
    /** When the session goes dormant if nothing happens: lastActivityAt + the agent's dormantAfterSeconds. */
    dormantAt: { type: Date, default: null },
    /** Marks the sessions one dormancy sweep moved, so the sweep can announce exactly those. */
    sweepId: { type: String, default: null },
    lastSeq: { type: Number, default: 0 },
    closedAt: { type: Date, default: null },
    /** When an operator last took over or released (the mode last changed). */
    modeChangedAt: { type: Date, default: null },
    /** sha256 of the customer's bearer token; the token itself is never stored. */
    customerTokenHash: { type: String, required: true },
    /** lastSeq when an operator took over: what happened after it is summarised for the AI on release. */
    supportSinceSeq: { type: Number, default: 0 },
    /**
     * The escalation ladder of the open help request: armed (step 0) with the time it is due,
     * and moved to step 1 by exactly one conditional update when it speaks.
     */
    ladderStep: { type: Number, default: 0 },
    ladderAt: { type: Date, default: null },
    /** Customer satisfaction, given once (rating 1–5). */
    csat: { type: { rating: Number, comment: String, at: Date }, default: null },
    /** A tool call waits for a person's approval (set and cleared by domain/tools/approval.service.ts). */
    approvalPending: { type: Boolean, default: false },
    /** Where the customer talks: `web` (the widget) or the integrator's own short name (`sms`, `whatsapp`, …). */
    channel: { type: String, default: 'api' },
    /**
     * This open session is the one `reuse: "open"` answers for its agent, channel and customer;
     * a unique partial index keeps it to one, and closing clears it (see session-reuse.ts).
     */
    reuseOpen: { type: Boolean, default: false },
    /**
     * Outcome facts for the insights (domain/insights/): each is written by the very update that
     * makes it true and absent until then (`$min` sets an absent field once and keeps the first).
     */
    firstCustomerAt: { type: Date },
    humanRepliedAt: { type: Date },
    takenOverAt: { type: Date },
    /** Every help request with its reason (the open one's reason is cleared on resolve; this keeps it). */
    helpRequests: { type: [new Schema({ at: Date, reason: String }, { _id: false })], default: undefined },
    /** The latest clientMessageIds of the customer's messages (domain/messages/ai-turn.ts): a retry is refused by the turn's one update. */
    recentClientIds: { type: [String], default: undefined },
    /** The same for every other role's messages, as `role:clientMessageId` (domain/messages/message.service.ts): a staff retry is refused by the seq's update, so a new one needs no read first. */
    recentStaffIds: { type: [String], default: undefined },
  },
  { timestamps: true, minimize: false },
);
sessionSchema.index({ customerTokenHash: 1 }, { unique: true });
sessionSchema.index({ createdAt: -1, _id: -1 });
// The help inbox, longest waiting first (`order=waiting`): only open requests are in it.
sessionSchema.index({ helpRequestedAt: 1, _id: 1 }, { partialFilterExpression: { helpRequestedAt: { $type: 'date' } } });
sessionSchema.index({ agentId: 1, createdAt: -1 });
sessionSchema.index({ customerId: 1, agentId: 1, createdAt: -1 });
sessionSchema.index({ status: 1, dormantAt: 1 });
sessionSchema.index({ sweepId: 1 }, { sparse: true });
sessionSchema.index({ helpRequested: 1, createdAt: -1 });
sessionSchema.index({ fieldsComplete: 1, createdAt: -1 });
sessionSchema.index({ ladderStep: 1, ladderAt: 1 });
sessionSchema.index({ assignedTo: 1, createdAt: -1 });
sessionSchema.index({ updatedAt: 1 });
sessionSchema.index({ channel: 1, createdAt: -1 });
// At most one reusable open session per agent, channel and customer, however many ask at once.
sessionSchema.index({ agentId: 1, channel: 1, customerId: 1 }, { unique: true, partialFilterExpression: { reuseOpen: true } });

export type Session = InferSchemaType<typeof sessionSchema>;
export type SessionDoc = HydratedDocument<Session>;
export const SessionModel = model('Session', sessionSchema);
