import type { MessageDto, MessageStatus, ReplyEndReason, SessionDto } from '../../../../shared/src/contract/types';
import type { CheckpointWriter } from '../messages/checkpoint-writer';
import type { AppendResult, SeqSlot } from '../messages/message.service';
import type { AiTurn } from '../messages/ai-turn';
import type { ReplyHooks, RuntimeDeps } from './runtime-deps';

const HEARTBEAT_MS = 10_000;

/**
 * One AI reply on its way to the customer: the stored agent message, the relay of each delta
 * to the bus, checkpoints of the text (batched across replies by the CheckpointWriter), and
 * the single final write. The message is created while the model thinks (`prepare`), so the
 * first token never waits for an insert.
 */
export class ReplyStream {
  text = '';
  /** The history the model input starts from when the turn brought it (see HistoryCache); null: read it. */
  history: MessageDto[] | null = null;
  private messageId: string | null = null;
  private creating: Promise<string> | null = null;
  /** How many `stream:delta` frames went out (their `index`); several model deltas may share one. */
  private index = 0;
  /** Model deltas received, for the metrics. */
  private deltas = 0;
  /** Text received but not yet relayed: sent as one delta once this tick's I/O is handled. */
  private pending = '';
  private flushQueued: NodeJS.Immediate | null = null;
  private settled: MessageDto | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private readonly startedAt = Date.now();

  constructor(
    private readonly deps: RuntimeDeps,
    private readonly checkpoints: CheckpointWriter,
    readonly session: SessionDto,
    readonly signal: AbortSignal,
    private readonly hooks: ReplyHooks = {},
  ) {
    this.typing('thinking');
    // What was pushed before an abort goes out before anything the abort causes (a takeover's
    // stream:end), as it did when every delta was sent at once.
    signal.addEventListener('abort', this.relayPending, { once: true });
  }

  get aborted(): boolean {
    return this.signal.aborted;
  }

  /**
   * Relays one delta. Nothing is relayed once the reply has been aborted. The first delta of a
   * turn of the event loop goes out at once; the ones after it in the same turn (one read of the
   * model's stream often holds several, and more when the process is busy) go out together as
   * one `stream:delta` with their texts joined and the next index: the same text in the same
   * order, one frame per socket instead of one per delta.
   */
  push(text: string): Promise<void> | undefined {
    if (!text || this.aborted) return undefined;
    // Once the message is stored (every delta after the first, usually) nothing here waits:
    // no promise and no microtask per token.
    if (this.messageId) {
      this.append(text);
      return undefined;
    }
    return this.ensureMessage().then(() => {
      if (!this.aborted) this.append(text);
    });
  }

  private append(text: string): void {
    if (!this.text) {
      this.typing('streaming');
      this.deps.observer?.firstToken(Date.now() - this.startedAt);
    }
    this.text += text;
    this.deltas += 1;
    this.pending += text;
    if (this.flushQueued) return;
    // The first delta of a turn goes out at once (no delay for a lone token); those after it in
    // the same turn wait for setImmediate, which runs once this turn's I/O callbacks are handled.
    this.relayPending();
    this.flushQueued = setImmediate(this.relayPending);
  }

  /** Sends the text pushed since the last delta as one delta (see push). */
  private readonly relayPending = (): void => {
    if (this.flushQueued) clearImmediate(this.flushQueued);
    this.flushQueued = null;
    const text = this.pending;
    const messageId = this.messageId;
    if (!text || !messageId) return;
    this.pending = '';
    const index = this.index++;
    this.deps.bus.send({ kind: 'delta', sessionId: this.session.id, messageId, index, text });
    this.hooks.onDelta?.({ messageId, index, text });
    this.checkpoints.save(messageId, this.text);
  };

  /** Shows the customer what the AI is doing (a tool's progress label) on this reply; null clears it. */
  async status(label: string | null): Promise<void> {
    if (this.aborted) return;
    const messageId = this.messageId ?? (await this.ensureMessage());
    this.relayPending();
    this.deps.bus.send({ kind: 'stream-status', sessionId: this.session.id, messageId, label });
  }

  /**
   * Starts storing the agent message in its reserved seq now, alongside the model request
   * (errors surface at push/finish). Without a reservation (a reply that failed before one),
   * the message takes the next seq.
   */
  prepare(slot?: SeqSlot): void {
    this.ensureMessage(slot).catch(() => undefined);
  }

  /** Takes the placeholder an AI turn is writing with the customer message (see MessageService.beginAiTurn), and its history. */
  adopt(turn: AiTurn): void {
    this.history = turn.history;
    const placeholder = turn.stored.then(({ reply }) => {
      if (!reply) throw new Error('the customer message was stored before: no reply');
      return { message: reply, duplicate: false };
    });
    this.track(placeholder).catch(() => undefined);
  }

  private ensureMessage(slot?: SeqSlot): Promise<string> {
    if (this.creating) return this.creating;
    const owner = this.deps.options.processId;
    return this.track(slot ? this.deps.messages.writeReply(slot, owner) : this.deps.messages.append(this.session.id, 'agent', '', { status: 'streaming', owner }));
  }

  private track(writing: Promise<AppendResult>): Promise<string> {
    this.creating ??= writing
      .then(({ message }) => {
        this.messageId = message.id;
        this.hooks.onStart?.(message);
        // Keeps the stored reply visibly alive while the model thinks between tool rounds.
        this.heartbeat = setInterval(() => this.checkpoints.save(message.id, this.text), HEARTBEAT_MS);
        return message.id;
      });
    return this.creating;
  }

  /** Settles the stored message once (a reply interrupted before its first token keeps an empty text). */
  async finish(status: Exclude<MessageStatus, 'streaming'>, endReason?: ReplyEndReason): Promise<MessageDto | null> {
    if (this.settled) return this.settled;
    this.relayPending();
    if (!this.messageId && this.creating) await this.creating.catch(() => undefined);
    if (!this.messageId) {
      if (status !== 'failed' || this.aborted) return null;
      await this.ensureMessage();
    }
    this.checkpoints.forget(this.messageId as string);
    this.settled = await this.deps.messages.finishAgentMessage(this.session.id, this.messageId as string, this.text, status, endReason);
    this.deps.observer?.replyEnded(status, Date.now() - this.startedAt, this.deltas);
    return this.settled;
  }

  close(): void {
    this.relayPending();
    this.signal.removeEventListener('abort', this.relayPending);
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.typing('idle');
  }

  private typing(state: 'thinking' | 'streaming' | 'idle'): void {
    this.deps.bus.send({ kind: 'typing', sessionId: this.session.id, from: 'agent', active: state !== 'idle', state });
  }
}
