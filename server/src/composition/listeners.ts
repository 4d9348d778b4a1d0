import type { Services } from '../services';
import type { EventLog } from '../domain/events/event-log';

/**
 * Every reaction that must run once per domain event, however many processes there are: each
 * process reacts only to the events it published itself (`bus.onLocalPublish`). Registered in
 * this order, before anything is served.
 *
 * Not here, because every process must see them (`bus.subscribe`, relayed through Redis): the
 * fan-out to sockets (transport/socket/fan-out.ts), a takeover aborting a reply
 * (domain/runtime/agent-runtime.ts), dropping a cached agent (domain/agents/agent.service.ts) or
 * a revoked key (domain/api-keys/api-key.service.ts), and the support-mode hints
 * (domain/chat/support-hints.ts).
 */
export function startListeners(s: Services, eventLog: EventLog): void {
  // Metrics: messages stored and help requests counted, the wait for help timed at the takeover.
  s.metrics.countDomainEvents(s.bus);
  // The event log: every event kept for `/events` subscribers catching up (afterEventId).
  s.bus.onLocalPublish((event) => eventLog.record(event));
  // Customer memory: an ended session (closed, or gone dormant) is summarized for the next one.
  s.bus.onLocalPublish((event) => {
    // A close publishes session.updated and then session.closed: react to the latter only, or
    // the model was asked for the same summary twice.
    const ended = event.type === 'session.closed' || (event.type === 'session.updated' && event.data.session.status === 'dormant');
    if (!ended) return;
    const { session } = event.data;
    s.memory.remember(session).catch((err: unknown) => s.logger.warn({ err, sessionId: session.id }, 'could not write customer memory'));
  });
  // The escalation ladder's immediate check on help.requested: with no operator online the customer hears so now.
  s.bus.onLocalPublish((event) => {
    if (event.type !== 'help.requested') return;
    const { session } = event.data;
    s.escalation.onHelpRequested(session).catch((err: unknown) => s.logger.warn({ err, sessionId: session.id }, 'escalation ladder check failed'));
  });
  // Webhooks: every event queued for the endpoints subscribed to its type (delivered by the dispatcher).
  s.bus.onLocalPublish((event) => s.webhooks.enqueue(event));
}
