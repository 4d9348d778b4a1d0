import type { MessageDto, SessionDto } from '../../shared/src/dto';
import type { Services } from './services';

/**
 * Reactions to domain events that must run once per event: each process reacts only to the
 * events it published itself.
 */
export function startDomainListeners(s: Services): void {
  s.bus.onLocalPublish((event) => {
    // A close publishes session.updated and then session.closed: react to the latter only, or
    // the model was asked for the same summary twice.
    const session = (event.data as { session?: SessionDto }).session;
    const ended = event.type === 'session.closed' || (event.type === 'session.updated' && session?.status === 'dormant');
    if (!ended || !session) return;
    s.memory.remember(session).catch((err: unknown) => s.logger.warn({ err, sessionId: session.id }, 'could not write customer memory'));
  });
  // How long customers wait for a person: measured when an operator's message answers them.
  s.bus.onLocalPublish((event) => {
    const message = event.type === 'message.created' ? (event.data as { message: MessageDto }).message : null;
    if (message?.role !== 'operator') return;
    s.messages.unansweredSince(message).then(
      (since) => since && s.metrics.customerWaited((Date.parse(message.createdAt) - since.getTime()) / 1000),
      (err: unknown) => s.logger.warn({ err, sessionId: message.sessionId }, 'could not measure the customer wait'),
    );
  });
  // The escalation ladder's immediate check: with no operator online the customer hears so now.
  s.bus.onLocalPublish((event) => {
    if (event.type !== 'help.requested') return;
    const { session } = event.data as { session: SessionDto };
    s.escalation.onHelpRequested(session).catch((err: unknown) => s.logger.warn({ err, sessionId: session.id }, 'escalation ladder check failed'));
  });
}
