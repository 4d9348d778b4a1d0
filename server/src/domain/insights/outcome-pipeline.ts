import { Types, type PipelineStage } from 'mongoose';

/**
 * The aggregation behind the insights: one pass over the conversations created in the range,
 * grouped by agent and UTC day. Only operators both MongoDB and the embedded engine (mingo)
 * know: `$median` (MongoDB 7) would spare the durations arrays, but is not used so the
 * same pipeline runs everywhere; the medians are taken in JS from the pushed durations.
 */
export function outcomePipeline(start: Date, end: Date, agentId?: string): PipelineStage[] {
  const has = (field: string) => ({ $ifNull: [field, false] });
  const secondsBetween = (later: string, earlier: string) => ({ $divide: [{ $subtract: [later, earlier] }, 1000] });
  return [
    // A session no customer wrote in (a widget opened and left) is not a conversation.
    { $match: { createdAt: { $gte: start, $lt: end }, firstCustomerAt: { $type: 'date' }, ...(agentId ? { agentId: new Types.ObjectId(agentId) } : {}) } },
    {
      $project: {
        agentId: 1,
        day: { $dateToString: { format: '%Y-%m-%d', date: '$createdAt' } },
        closed: { $eq: ['$status', 'closed'] },
        rating: '$csat.rating',
        human: '$humanRepliedAt',
        takenOverAt: 1,
        // The first help request (they are pushed in order).
        helpAt: { $arrayElemAt: [{ $ifNull: ['$helpRequests.at', []] }, 0] },
      },
    },
    {
      $project: {
        agentId: 1,
        day: 1,
        closed: 1,
        rating: 1,
        human: 1,
        helpAt: 1,
        handoffAt: { $min: ['$helpAt', '$takenOverAt'] },
        // The first person acting on a help request: a takeover or a message, whichever came first.
        actedAt: { $min: ['$takenOverAt', '$human'] },
        touched: { $or: [has('$human'), has('$takenOverAt')] },
      },
    },
    {
      $group: {
        _id: { agentId: '$agentId', day: '$day' },
        conversations: { $sum: 1 },
        handedOff: { $sum: { $cond: [has('$handoffAt'), 1, 0] } },
        aiResolved: { $sum: { $cond: [{ $and: ['$closed', { $not: [has('$human')] }, { $not: [has('$handoffAt')] }] }, 1, 0] } },
        // null when it does not apply; dropped in JS (a $push of $$REMOVE differs between servers).
        replySeconds: { $push: { $cond: [{ $and: [has('$handoffAt'), has('$human'), { $gte: ['$human', '$handoffAt'] }] }, secondsBetween('$human', '$handoffAt'), null] } },
        waitSeconds: { $push: { $cond: [{ $and: [has('$helpAt'), has('$actedAt'), { $gte: ['$actedAt', '$helpAt'] }] }, secondsBetween('$actedAt', '$helpAt'), null] } },
        csatAiSum: { $sum: { $cond: [{ $and: [has('$rating'), { $not: ['$touched'] }] }, '$rating', 0] } },
        csatAiCount: { $sum: { $cond: [{ $and: [has('$rating'), { $not: ['$touched'] }] }, 1, 0] } },
        csatHumanSum: { $sum: { $cond: [{ $and: [has('$rating'), '$touched'] }, '$rating', 0] } },
        csatHumanCount: { $sum: { $cond: [{ $and: [has('$rating'), '$touched'] }, 1, 0] } },
      },
    },
  ];
}

/** One row of the pipeline's answer. */
export interface OutcomeRow {
  _id: { agentId: Types.ObjectId; day: string };
  conversations: number;
  handedOff: number;
  aiResolved: number;
  replySeconds: (number | null)[];
  waitSeconds: (number | null)[];
  csatAiSum: number;
  csatAiCount: number;
  csatHumanSum: number;
  csatHumanCount: number;
}
