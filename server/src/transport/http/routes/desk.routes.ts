import * as op from '../../../../../shared/src/contract/desk';
import { viewOfSession } from '../../../domain/audience/audience';
import { contentDisposition } from '../../../domain/attachments/file-type';
import type { Services } from '../../../services';
import type { ContractRouter } from '../contract-router';

/** What these handlers use of the services. */
export type DeskDeps = Pick<Services, 'assignment' | 'cannedReplies' | 'sessions' | 'transcripts'>;

/** Support-desk session routes: assignment, CSAT, transcripts, canned reply rendering. */
export function deskRoutes(api: ContractRouter, s: DeskDeps): void {
  api.route(op.assignSession, async ({ params: { id }, body: { operatorId }, principal: p }) => {
    const by = p.kind === 'operator' ? { id: p.operator.id, isAdmin: p.operator.role === 'admin' } : { id: p.key.id, isAdmin: true };
    return { session: await s.assignment.assign(id, by, operatorId) };
  });

  api.route(op.rateSession, async ({ params: { id }, body: { rating, comment }, audience }) => {
    const session = await s.sessions.rate(id, rating, comment || null);
    return { session: viewOfSession(audience, session) };
  });

  // Raw: a text or HTML download, not JSON.
  api.raw(op.sessionTranscript, async ({ params: { id }, query: { format }, res }) => {
    const t = await s.transcripts.render(id, format);
    res.set({ 'Content-Type': t.contentType, 'Content-Disposition': contentDisposition('attachment', t.filename), 'X-Content-Type-Options': 'nosniff' });
    res.send(t.body);
  });

  api.route(op.renderCannedReply, async ({ params: { id, replyId } }) => s.cannedReplies.render(id, replyId));
}
