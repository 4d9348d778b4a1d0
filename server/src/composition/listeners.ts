import type { Services } from '../services';

/**
 * Reactions to domain events that must run once per event: each process reacts only to the
 * events it published itself.
 */
export function startDomainListeners(s: Services): void {
  s.bus.onLocalPublish((event) => {
    // A close publishes session.updated and then session.closed: react to the latter only, or
    // the model was asked for the same summary twice.
    const ended = event.type === 'session.closed' || (event.type === 'session.updated' && event.data.session.status === 'dormant');
    if (!ended) return;
    const { session } = event.data;
    s.memory.remember(session).catch((err: unknown) => s.logger.warn({ err, sessionId: session.id }, 'could not write customer memory'));
  });
  // The escalation ladder's immediate check: with no operator online the customer hears so now.
  s.bus.onLocalPublish((event) => {
    if (event.type !== 'help.requested') return;
    const { session } = event.data;
    s.escalation.onHelpRequested(session).catch((err: unknown) => s.logger.warn({ err, sessionId: session.id }, 'escalation ladder check failed'));
  });
}
