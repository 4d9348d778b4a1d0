import type { Types, mongo } from 'mongoose';
import { MessageModel, type Message } from './models/message.model';
import { SessionModel, type Session } from './models/session.model';

/** A stored message as the driver returns it. */
export type MessageRecord = Message & { _id: Types.ObjectId; createdAt: Date; updatedAt: Date };
/** A stored session as the driver returns it. */
export type SessionRecord = Session & { _id: Types.ObjectId; createdAt: Date; updatedAt: Date };

/**
 * The driver collections behind the models, for the few operations every chat message and
 * widget connection makes (storing a message, taking its seq, the reply's history and
 * checkpoints; creating a session, finding one by id or customer token). Through mongoose each
 * of those cost 130–430 µs more client CPU (casting, timestamps, validation, options), which
 * is most of a message's cost under load. Callers pass typed values and set `createdAt` and
 * `updatedAt` themselves, which the schema's timestamps did for them; everything else keeps
 * using the models.
 */
export const messageCollection = (): mongo.Collection<MessageRecord> => MessageModel.collection as unknown as mongo.Collection<MessageRecord>;
export const sessionCollection = (): mongo.Collection<SessionRecord> => SessionModel.collection as unknown as mongo.Collection<SessionRecord>;

