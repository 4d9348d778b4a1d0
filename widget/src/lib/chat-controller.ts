/**
 * The widget's brain, apart from any UI: owns the connection, turns server events into state,
 * and offers the actions the components and the host-page API call. Components only read the
 * store and call these methods; they never see the socket.
 *
 * Lazy connection: no socket is opened until the panel opens (by the visitor, the page's
 * `Switchboard('open')` or `data-open`) — unless a session token is already stored (a
 * returning visitor) or unsent messages wait in the outbox; then `start()` connects at once so
 * replies that arrive while the panel is closed show up as an unread badge.
 */
import type { WidgetSessionSnapshot } from '../../../shared/src/events';
import type { AttachmentDto, LeadFieldValue, MessageDto } from '../../../shared/src/index';
import { fetchAttachment, uploadFile, type UploadError } from './attachments';
import { createEmitter } from './emitter';
import { newClientMessageId } from '../../../shared/src/client-message-id';
import { Outbox } from './outbox';
import type { ClientErrorBody } from '../../../shared/src/client/switchboard-error';
import type { Connection, ConnectionEvent } from './socket';
import { createLazyConnection } from './lazy-connection';
import type { WidgetStorage } from './storage';
import { createStore } from './store';
import { highestSeq } from '../../../shared/src/protocol/thread';
import { widgetThreadReducer, type WidgetThreadAction } from './widget-thread';
import { bindServerEvents } from './server-events';
import { initialState, type WidgetState } from './widget-state';
import type { WidgetConfig } from './config';
import type { HostEvents } from '../loader/handoff';

export interface Identity {
  customerId?: string;
  customerHash?: string;
  metadata?: Record<string, unknown>;
}

/** Refused connections the controller retries after a pause (ms). */
const REFUSED_RETRY_MS = 15_000;

export class ChatController {
  readonly store = createStore<WidgetState>(initialState);
  protected connection: Connection | null = null;
  protected ready = false;
  protected identity: Identity;
  protected readonly outbox: Outbox;
  protected readonly announced = new Set<string>();
  private refusedTimer: ReturnType<typeof setTimeout> | undefined;
  protected started = false;
  private booted = false;

  constructor(
    private readonly config: WidgetConfig,
    private readonly storage: WidgetStorage,
    private readonly connect: typeof createLazyConnection = createLazyConnection,
    /** The host page's `Switchboard('on')` subscribers (the loader's emitter). */
    readonly events = createEmitter<HostEvents>(),
  ) {
    this.identity = { customerId: config.customerId, customerHash: config.customerHash, metadata: config.metadata };
    this.dispatch({ type: 'reset', pending: storage.getOutbox() });
    this.store.subscribe((s, prev) => {
      if (s.thread.pending !== prev.thread.pending) storage.setOutbox(s.thread.pending);
      if (s.unread !== prev.unread) this.events.emit('unread', s.unread);
    });
    this.outbox = new Outbox({
      connection: () => this.connection,
      canSend: () => this.ready && this.store.get().session?.status !== 'closed',
      thread: () => this.store.get().thread,
      dispatch: (a) => this.dispatch(a),
      onDelivered: (m) => this.announce(m),
    });
  }

  /**
   * Called once at boot, after the queued Switchboard() calls were replayed (so a queued
   * `identify` counts). Connects right away only for a returning visitor, an open panel or
   * unsent messages (see the file comment); before this, nothing connects.
   */
  start(): void {
    // A token issued to someone else (shared computer, new login) must not be resumed.
    if ((this.storage.getCustomerId() ?? undefined) !== this.identity.customerId) {
      this.forgetSession();
      this.dispatch({ type: 'reset', pending: [] });
    }
    this.started = true;
    if (this.config.open && !this.booted) this.open(true);
    this.booted = true;
    const s = this.store.get();
    if (this.storage.getToken() || s.open || s.thread.pending.length) this.ensureConnected();
  }

  dispatch(action: WidgetThreadAction): void {
    this.store.set((s) => ({ thread: widgetThreadReducer(s.thread, action) }));
  }

  /** Reports a message to `Switchboard('on', 'message')` subscribers once, and counts unread. */
  announce(message: MessageDto): void {
    if (this.announced.has(message.id) || message.status === 'streaming') return;
    this.announced.add(message.id);
    if (message.role !== 'customer' && !this.store.get().open) this.store.set((s) => ({ unread: s.unread + 1 }));
    this.events.emit('message', message);
  }

  /** Opens the panel; `auto` (data-open at load) leaves the page's focus where it is. */
  open(auto = false): void {
    const { open, shutDown } = this.store.get();
    if (open || shutDown) return;
    this.store.set({ open: true, unread: 0, autoOpened: auto });
    this.ensureConnected();
    this.events.emit('open');
  }

  close(): void {
    if (!this.store.get().open) return;
    this.store.set({ open: false });
    this.events.emit('close');
  }

  send(content: string): void {
    const text = content.trim();
    if (!text) return;
    const pending = { clientMessageId: newClientMessageId(), content: text, createdAt: new Date().toISOString(), state: 'sending' as const };
    this.dispatch({ type: 'send', pending });
    this.ensureConnected();
    void this.outbox.flush();
  }

  retry(clientMessageId: string): void {
    this.dispatch({ type: 'send:error', clientMessageId, state: 'sending' });
    void this.outbox.flush();
  }

  setTyping(active: boolean): void {
    this.connection?.typing(active);
  }

  async requestHelp(): Promise<void> {
    const result = await this.request((c) => c.requestHelp());
    if (result?.ok) this.store.set({ session: result.session });
  }

  /** Resolves with the error to show, or null once the call is requested. */
  async acceptCall(phone: string): Promise<ClientErrorBody | null> {
    const result = await this.request((c) => c.acceptCall(phone), false);
    if (!result) return { code: 'offline', message: 'Not connected' };
    if (!result.ok) return result.error;
    this.store.set((s) => ({ call: { callId: result.call.id, reason: s.call?.reason ?? null, status: result.call.status, phone: result.call.phone } }));
    return null;
  }

  /** Rates the (closed) session once; resolves with the error to show, or null. */
  async submitCsat(rating: number, comment: string): Promise<ClientErrorBody | null> {
    const result = await this.request((c) => c.submitCsat(rating, comment.trim() || undefined), false);
    if (!result) return { code: 'offline', message: 'Not connected' };
    if (!result.ok) return result.error;
    this.store.set({ session: result.session });
    return null;
  }

  /** The pre-chat form (`fields:submit`); resolves with the error to show, or null once accepted. */
  async submitPrechat(fields: Record<string, LeadFieldValue>): Promise<ClientErrorBody | null> {
    const result = await this.request((c) => c.submitFields(fields), false);
    if (!result) return { code: 'offline', message: 'Not connected' };
    if (!result.ok) return result.error;
    this.store.set({ session: result.session });
    return null;
  }

  /** Uploads a file into the chat; the message carrying it arrives over the socket. */
  async sendFile(file: File): Promise<UploadError | null> {
    const session = this.store.get().session;
    const token = this.storage.getToken();
    if (!session || !token) return { code: 'offline', message: 'Not connected' };
    return uploadFile(this.config.origin, session.id, token, file);
  }

  /** An attachment of this session as a blob (fetched with the session token). */
  loadAttachment(attachment: AttachmentDto): Promise<Blob> {
    return fetchAttachment(this.config.origin, attachment, this.storage.getToken() ?? '');
  }

  declineCall(): void {
    this.store.set({ call: null });
  }

  async endChat(): Promise<void> {
    const result = await this.request((c) => c.closeSession());
    if (result?.ok) this.store.set({ session: result.session, typing: { agent: null, operator: null }, call: null });
  }

  /** After a closed session: forget the token and get a fresh session (unsent messages go there). */
  startNew(): void {
    this.storage.setToken(null);
    const pending = this.store.get().thread.pending.map((p) => ({ ...p, state: 'sending' as const, error: undefined }));
    this.resetConversation(pending);
  }

  /**
   * `Switchboard('identify', …)`: reconnect as that customer with a new session token. The
   * same customer again (pages typically identify on every load) keeps the session.
   */
  identify(identity: Identity): void {
    const same = identity.customerId === this.identity.customerId;
    this.identity = identity;
    if (same) return;
    if (!this.started) return; // start() compares with the stored customer
    this.forgetSession();
    this.resetConversation([]);
  }

  /** Runs once a session snapshot has been taken in (PageController sends pending metadata). */
  protected afterSnapshot(): void {}

  protected forgetSession(): void {
    this.storage.setToken(null);
    this.storage.setOutbox([]);
    this.storage.setCustomerId(this.identity.customerId ?? null);
  }

  protected resetConversation(pending: WidgetState['thread']['pending']): void {
    this.outbox.cancel();
    this.ready = false;
    this.store.set({ session: null, call: null, notice: null, typing: { agent: null, operator: null } });
    this.dispatch({ type: 'reset', pending });
    if (this.connection) this.connection.reconnect();
    else if (this.store.get().open) this.ensureConnected();
  }

  /** Runs an acked request; on failure shows a notice and returns the result (or null offline). */
  private async request<T extends object>(
    fn: (c: Connection) => Promise<{ ok: true } & T | { ok: false; error: ClientErrorBody }>,
    notify = true,
  ): Promise<({ ok: true } & T) | { ok: false; error: ClientErrorBody } | null> {
    const connection = this.connection;
    if (!connection?.connected) return null;
    const result = await fn(connection);
    if (!result.ok && notify) this.store.set({ notice: result.error.message });
    return result;
  }

  private ensureConnected(): void {
    if (!this.started || this.connection || this.store.get().fatal || this.store.get().shutDown) return;
    const connection = this.connect(this.config.origin, () => ({
      agentId: this.config.agentId,
      customerToken: this.storage.getToken() ?? undefined,
      ...this.identity,
    }));
    this.connection = connection;
    connection.onConnection((e) => this.onConnectionEvent(e));
    bindServerEvents(connection, this);
    this.store.set({ connection: 'connecting' });
    connection.connect();
  }

  private onConnectionEvent(event: ConnectionEvent): void {
    if (event.type === 'connect') return; // "online" once the session snapshot arrives
    this.ready = false;
    if (event.type === 'disconnect') {
      // Our own reconnect() says "io client disconnect" and connects again at once.
      this.store.set({ connection: event.reason === 'io client disconnect' ? 'connecting' : 'offline' });
      return;
    }
    if (event.retrying) {
      this.store.set({ connection: 'offline' });
      return;
    }
    this.onRefused(event.code);
  }

  /** The server refused the handshake (a middleware error): socket.io won't retry by itself. */
  private onRefused(code: string): void {
    clearTimeout(this.refusedTimer);
    if ((code === 'unauthorized' || code === 'not_found') && this.storage.getToken()) {
      this.storage.setToken(null); // expired or foreign token: start fresh
      this.connection?.connect();
      return;
    }
    if (code === 'origin_not_allowed') {
      this.store.set({ fatal: 'origin_not_allowed', connection: 'offline' });
      return;
    }
    this.store.set({ connection: 'offline', fatal: code === 'rate_limited' ? null : 'unavailable' });
    this.refusedTimer = setTimeout(() => {
      this.store.set({ fatal: null });
      this.connection?.connect();
    }, REFUSED_RETRY_MS);
  }

  /** The server's `session` event, on every (re)connect. */
  onSnapshot(snapshot: WidgetSessionSnapshot): void {
    const state = this.store.get();
    const sameSession = state.session?.id === snapshot.session.id;
    const since = sameSession ? highestSeq(state.thread.messages) : 0;
    this.storage.setToken(snapshot.customerToken);
    this.storage.setCustomerId(this.identity.customerId ?? null);
    this.storage.setAgentLanguage(snapshot.agent.language);
    if (!sameSession) this.dispatch({ type: 'reset', pending: state.thread.pending });
    this.dispatch({ type: 'merge', messages: snapshot.messages });
    // On a first snapshot everything is history; on a reconnect, what's newer is news.
    for (const m of snapshot.messages) {
      if (m.seq > since && since > 0) this.announce(m);
      else this.announced.add(m.id);
    }
    this.store.set({ session: snapshot.session, agent: snapshot.agent, connection: 'online', fatal: null, notice: null });
    this.ready = true;
    this.events.emit('session', snapshot.session);
    this.afterSnapshot();
    void this.catchUp(since, snapshot.session.lastSeq).then(() => this.outbox.flush());
  }

  /**
   * Fetches what was said while we were away (the snapshot only holds the recent part), an
   * answer at a time (the server caps each), until the snapshot's `lastSeq` is reached or an
   * answer is empty (the last messages may be ones a customer does not see).
   */
  private async catchUp(afterSeq: number, upTo: number): Promise<void> {
    let after = afterSeq;
    while (after > 0 && after < upTo && this.connection) {
      const result = await this.connection.messagesSince(after);
      // Not `.at(-1)`: Safari 15.0–15.3 lacks it.
      const last = result.ok ? result.messages[result.messages.length - 1] : undefined;
      if (!result.ok || !last) return;
      this.dispatch({ type: 'merge', messages: result.messages });
      result.messages.forEach((m) => this.announce(m));
      after = last.seq;
    }
  }
}
