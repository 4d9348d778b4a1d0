/**
 * The chat controller with what a single-page app asks of the widget through the host page's
 * API: log out (`shutdown`) and start again (`boot`) without a reload, and keep the session's
 * metadata current as the visitor moves around (`update`). docs/widget.md has the contract.
 */
import type { WidgetBootOptions, WidgetUpdate } from '../../../shared/src/widget-api';
import { ChatController, type Identity } from './chat-controller';

export class PageController extends ChatController {
  /** Metadata from `update` not yet sent (sent once a session is there). */
  private metadataPatch: Record<string, unknown> | null = null;

  /**
   * `Switchboard('shutdown')` (the visitor logs out): closes the panel, disconnects, forgets the
   * session token, the customer and unsent messages, and shows nothing until `boot`.
   */
  shutdown(): void {
    this.close();
    this.outbox.cancel();
    this.connection?.disconnect();
    this.connection = null;
    this.ready = false;
    this.started = false;
    this.identity = {};
    this.metadataPatch = null;
    this.announced.clear();
    this.forgetSession();
    this.store.set({ session: null, agent: null, call: null, notice: null, fatal: null, typing: { agent: null, operator: null }, unread: 0, connection: 'idle', shutDown: true, draft: null });
    this.dispatch({ type: 'reset', pending: [] });
  }

  /**
   * `Switchboard('boot', options)`: after `shutdown`, starts again as this customer (anonymous
   * without one); while running, switches identity as `identify` does and merges the metadata.
   */
  boot(options: WidgetBootOptions): void {
    const identity: Identity = { customerId: options.customerId, customerHash: options.customerHash, metadata: options.metadata };
    if (!this.store.get().shutDown) {
      if (identity.customerId !== this.identity.customerId) this.identify(identity);
      else if (options.metadata) this.update({ metadata: options.metadata });
      return;
    }
    this.identity = identity;
    this.store.set({ shutDown: false });
    this.start();
  }

  /**
   * `Switchboard('update', …)`: records the page (`metadata.pageUrl`, the current URL unless
   * given) and metadata on the session — now if connected, else once a session is there — and
   * switches identity when another customer is named.
   */
  update(u: WidgetUpdate): void {
    const url = u.url ?? (typeof location === 'undefined' ? undefined : location.href);
    const patch = { ...u.metadata, ...(url ? { pageUrl: url } : {}) };
    const metadata = { ...this.identity.metadata, ...patch };
    if (u.customerId && u.customerId !== this.identity.customerId) return this.identify({ customerId: u.customerId, customerHash: u.customerHash, metadata });
    this.identity = { ...this.identity, metadata };
    this.metadataPatch = { ...this.metadataPatch, ...patch };
    this.flushMetadata();
  }

  private flushMetadata(): void {
    const patch = this.metadataPatch;
    if (!patch || !this.ready || !this.connection) return;
    this.metadataPatch = null;
    void this.connection.updateMetadata(patch).then((r) => {
      // Not sent (offline meanwhile): try again with the next snapshot, newer keys winning.
      if (!r.ok && r.error.code !== 'invalid_request') this.metadataPatch = { ...patch, ...this.metadataPatch };
    });
  }

  protected override afterSnapshot(): void {
    this.flushMetadata();
  }
}
