import type { SessionDto } from '../../shared/src/dto';
import type { Services } from './services';

/**
 * Reactions to domain events that must run once per event: each process reacts only to the
 * events it published itself.
 */
export function startDomainListeners(s: Services): void {
  s.bus.onLocalPublish((event) => {
    if (event.type !== 'session.closed' && event.type !== 'session.updated') return;
    const session = (event.data as { session: SessionDto }).session;
    if (session.status === 'active') return;
    s.memory.remember(session).catch((err: unknown) => s.logger.warn({ err, sessionId: session.id }, 'could not write customer memory'));
  });
}
