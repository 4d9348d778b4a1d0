import { Schema, model } from 'mongoose';

/**
 * A voice platform's signed report, remembered while its timestamp is still acceptable: the
 * unique key makes "seen before?" and "remember it" one atomic insert, so a replay is refused
 * even when it races the original. Expired receipts are removed by the TTL index (a report that
 * old is refused by its timestamp anyway).
 */
const callReportReceiptSchema = new Schema({
  /** `<callId>:sig:<hex>` or `<callId>:id:<webhook-id>`. */
  key: { type: String, required: true },
  expiresAt: { type: Date, required: true },
});
callReportReceiptSchema.index({ key: 1 }, { unique: true });
callReportReceiptSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export const CallReportReceiptModel = model('CallReportReceipt', callReportReceiptSchema);
