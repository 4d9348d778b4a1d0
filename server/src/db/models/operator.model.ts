import { Schema, model, type InferSchemaType, type HydratedDocument } from 'mongoose';

const operatorSchema = new Schema(
  {
    email: { type: String, required: true, lowercase: true, trim: true },
    name: { type: String, required: true },
    role: { type: String, enum: ['admin', 'operator'], default: 'operator' },
    passwordHash: { type: String, required: true },
    /** The operator's own choice; they answer help requests when `online` and present. */
    status: { type: String, enum: ['online', 'away'], default: 'online' },
    /** Until when a console of theirs was last known open (moved on by every process holding one). */
    presentUntil: { type: Date, default: null },
    /** Present, and the end of it not yet handled (announced, waiting customers sent back to the inbox). */
    presenceOpen: { type: Boolean, default: false },
    /** Bumped on password change or removal: every token carrying an older version is dead. */
    tokenVersion: { type: Number, default: 0 },
  },
  { timestamps: true },
);
operatorSchema.index({ email: 1 }, { unique: true });

export type Operator = InferSchemaType<typeof operatorSchema>;
export type OperatorDoc = HydratedDocument<Operator>;
export const OperatorModel = model('Operator', operatorSchema);
