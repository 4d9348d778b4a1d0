import * as op from '../../../../../shared/src/contract/support';
import { viewOfSession } from '../../../domain/audience/audience';
import type { Services } from '../../../services';
import { actorOfPrincipal } from '../auth';
import { reply, type ContractRouter } from '../contract-router';

/** What these handlers use of the services. */
export type SupportDeps = Pick<Services, 'chat' | 'sessions' | 'support'>;

/** Support commands over REST, for custom consoles: same rules as the operator sockets; the help flag. */
export function supportRoutes(api: ContractRouter, s: SupportDeps): void {
  api.route(op.requestHelp, async ({ params: { id }, body: { reason }, principal }) => {
    const session = await s.chat.flagHelp(id, reason ?? null);
    return { session: viewOfSession(principal.kind, session) };
  });
  api.route(op.resolveHelp, async ({ params: { id } }) => ({ session: await s.sessions.resolveHelp(id) }));

  api.route(op.whisper, async ({ params: { id }, principal, body }) => {
    const sent = await s.support.whisper(id, actorOfPrincipal(principal), body);
    return sent.duplicate ? reply(200, { message: sent.message, duplicate: true as const }) : reply(201, { message: sent.message, duplicate: false as const });
  });
  api.route(op.tell, async ({ params: { id }, principal, body }) => {
    const sent = await s.support.tell(id, actorOfPrincipal(principal), body);
    return sent.duplicate ? reply(200, { message: sent.message, duplicate: true as const }) : reply(201, { message: sent.message, duplicate: false as const });
  });
  api.route(op.takeover, async ({ params: { id }, principal }) => ({ session: await s.support.takeover(id, actorOfPrincipal(principal)) }));
  api.route(op.release, async ({ params: { id }, principal }) => ({ session: await s.support.release(id, actorOfPrincipal(principal)) }));
}
