import { Schema, model, type InferSchemaType } from 'mongoose';

/** Domain events kept for a while so `/events` subscribers can catch up after a reconnect. */
// minimize: false, or a replayed payload would lose its empty objects (`metadata: {}`).
const eventLogSchema = new Schema(
  {
    type: { type: String, required: true },
    at: { type: Date, required: true },
    sessionId: { type: String, required: true },
    agentId: { type: String, required: true },
    data: { type: Schema.Types.Mixed },
    expiresAt: { type: Date, required: true },
  },
  { minimize: false },
);
eventLogSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export type EventLog = InferSchemaType<typeof eventLogSchema>;
export const EventLogModel = model('EventLog', eventLogSchema);
