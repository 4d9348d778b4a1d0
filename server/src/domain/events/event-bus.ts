import { EventEmitter } from 'node:events';
import { Types } from 'mongoose';
import type { DomainEventType } from '../../../../shared/src/contract/types';
import type { BusMessage, DomainEventData, TypedEnvelope } from './bus-messages';

export type BusListener = (message: BusMessage) => void;

/** Carries bus messages to other server processes (Redis); absent in a single process. */
export interface ClusterRelay {
  send(message: BusMessage): void;
  /** Sends and resolves once every other process has handled it (or after a timeout). */
  sendConfirmed(message: BusMessage): Promise<void>;
  onReceive(listener: BusListener): void;
}

/**
 * In-process publish/subscribe for domain events and stream traffic. Delivery is
 * synchronous and in publish order, so a session's events reach every listener in the
 * order the services wrote them. With a ClusterRelay every process sees every message.
 */
export class EventBus {
  private readonly emitter = new EventEmitter();
  private relay: ClusterRelay | null = null;
  private readonly localListeners: ((event: TypedEnvelope) => void)[] = [];

  constructor() {
    this.emitter.setMaxListeners(100);
  }

  attachRelay(relay: ClusterRelay): void {
    this.relay = relay;
    relay.onReceive((message) => this.deliver(message));
  }

  /**
   * Listens to the domain events published by this process only: for work that must happen
   * once per event however many processes there are (event log, webhooks, memory).
   */
  onLocalPublish(listener: (event: TypedEnvelope) => void): void {
    this.localListeners.push(listener);
  }

  subscribe(listener: BusListener): () => void {
    this.emitter.on('message', listener);
    return () => this.emitter.off('message', listener);
  }

  send(message: BusMessage): void {
    this.deliver(message);
    this.relay?.send(message);
  }

  /** Like send, but resolves only when every process has acted on it (a takeover's abort). */
  async sendConfirmed(message: BusMessage): Promise<void> {
    this.deliver(message);
    await this.relay?.sendConfirmed(message);
  }

  /**
   * Publishes one domain event about a session; returns its envelope. `countersOnly` tells the
   * fan-out that only the session's counters moved (the event itself is unchanged).
   */
  publish<T extends DomainEventType>(type: T, ids: { sessionId: string; agentId: string }, data: DomainEventData[T], opts: { countersOnly?: boolean } = {}): TypedEnvelope<T> {
    const event = { id: new Types.ObjectId().toHexString(), type, at: new Date().toISOString(), ...ids, data } as TypedEnvelope<T>;
    this.send(opts.countersOnly ? { kind: 'domain', event: event as TypedEnvelope, countersOnly: true } : { kind: 'domain', event: event as TypedEnvelope });
    for (const listener of this.localListeners) listener(event as TypedEnvelope);
    return event;
  }

  private deliver(message: BusMessage): void {
    this.emitter.emit('message', message);
  }
}
