import { Schema, model } from 'mongoose';

/** Installation-wide values generated once (the auth signing secret, for one). */
const settingSchema = new Schema({ _id: { type: String, required: true }, value: { type: String, required: true } });

export const SettingModel = model('Setting', settingSchema);
