import * as op from '../../../../../shared/src/contract/canned-replies';
import type { Services } from '../../../services';
import type { ContractRouter } from '../contract-router';

/** What these handlers use of the services. */
export type CannedRepliesDeps = Pick<Services, 'cannedReplies'>;

/** /v1/agents/:id/canned-replies: saved answers, for everyone on staff. */
export function cannedRepliesRoutes(api: ContractRouter, s: CannedRepliesDeps): void {
  api.route(op.createCannedReply, async ({ params: { id }, body }) => ({ cannedReply: await s.cannedReplies.create(id, body) }));
  api.route(op.listCannedReplies, async ({ params: { id } }) => ({ cannedReplies: await s.cannedReplies.list(id) }));
  api.route(op.deleteCannedReply, async ({ params: { id, replyId } }) => {
    await s.cannedReplies.remove(id, replyId);
  });
}
