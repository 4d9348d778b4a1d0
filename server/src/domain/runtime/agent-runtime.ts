import { setTimeout as sleep } from 'node:timers/promises';
import type { MessageDto, SessionDto } from '../../../../shared/src/contract/types';
import type { AiTurn } from '../messages/ai-turn';
import { CheckpointWriter } from '../messages/checkpoint-writer';
import { LlmError } from './llm-provider';
import { ReplyStream } from './reply-stream';
import { chatLines } from '../i18n/chat-lines';
import { runTurn } from './turn';

// The runtime's ports live in runtime-deps.ts (so reply-stream.ts and turn.ts need not import this file); re-exported for callers.
export type { AgentToolsPort, CallOffers, KnowledgeRetriever, MemoryRecall, ReplyHooks, RuntimeDeps, RuntimeOptions } from './runtime-deps';
import type { ReplyHooks, RuntimeDeps } from './runtime-deps';

/** The abort reason of replies cut off by `stop()`: they failed (the customer is told), nobody took over. */
const SHUTDOWN = new Error('the server is shutting down');
/** The abort reason of an opened reply whose customer message was not stored (or was already): nothing to answer, nothing to say. */
const NOT_STORED = new Error('the customer message was not stored by this send');

/**
 * A reply opened before its customer message is stored (`AgentRuntime.open`): its abort is
 * registered before the turn's update checks the mode, as `generate` does before
 * `reserveReply`. Exactly one of `start` and `cancel` must be called.
 */
export interface ReplyOpening {
  /** The process that will generate the reply (its placeholder's `owner`). */
  readonly owner: string;
  start(turn: AiTurn, hooks?: ReplyHooks): Promise<MessageDto | null>;
  cancel(): void;
}

interface Opened {
  controller: AbortController;
  turn: AiTurn;
}

/**
 * Produces the AI's replies. Replies of one session run one after another (a queue per
 * session): every customer message gets exactly one reply, in order. A takeover anywhere
 * aborts the reply in flight through the bus.
 */
export class AgentRuntime {
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly inflight = new Map<string, AbortController>();
  private readonly checkpoints: CheckpointWriter;
  private stopping = false;
  /** Sessions told on shutdown that their reply won't come (told once, however many were queued). */
  private readonly toldOfShutdown = new Set<string>();

  constructor(private readonly deps: RuntimeDeps) {
    this.checkpoints = new CheckpointWriter(deps.options.checkpointMs, deps.logger);
    deps.bus.subscribe((m) => {
      if (m.kind === 'abort-reply') this.inflight.get(m.sessionId)?.abort();
    });
  }

  /** Queues a reply for the session; resolves with it, or null when the AI must not answer. */
  requestReply(sessionId: string, hooks: ReplyHooks = {}): Promise<MessageDto | null> {
    return this.enqueue(sessionId, () => this.generate(sessionId, hooks));
  }

  /**
   * Opens the session's next reply for a turn that takes its seq with the customer's message
   * (ChatService): null when a reply of the session is queued or running here (it must wait
   * its turn, so the ordinary path takes it) or the process is stopping.
   */
  open(sessionId: string): ReplyOpening | null {
    if (this.stopping || this.queues.has(sessionId)) return null;
    const controller = new AbortController();
    this.inflight.set(sessionId, controller);
    let begin: (start: { turn: AiTurn; hooks: ReplyHooks } | null) => void = () => undefined;
    const started = new Promise<{ turn: AiTurn; hooks: ReplyHooks } | null>((resolve) => (begin = resolve));
    const reply = this.enqueue(sessionId, async () => {
      const start = await started;
      if (start) return this.generate(sessionId, start.hooks, { controller, turn: start.turn });
      if (this.inflight.get(sessionId) === controller) this.inflight.delete(sessionId);
      return null;
    });
    return {
      owner: this.deps.options.processId,
      start: (turn, hooks = {}) => (begin({ turn, hooks }), reply),
      cancel: () => begin(null),
    };
  }

  private enqueue(sessionId: string, run: () => Promise<MessageDto | null>): Promise<MessageDto | null> {
    const previous = this.queues.get(sessionId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(run);
    this.queues.set(sessionId, next);
    void next.finally(() => {
      if (this.queues.get(sessionId) === next) this.queues.delete(sessionId);
    }).catch(() => undefined);
    return next;
  }

  /**
   * Stops the reply streaming for this session, in whichever process generates it; resolves
   * once every process has stopped relaying it.
   */
  abort(sessionId: string): Promise<void> {
    return this.deps.bus.sendConfirmed({ kind: 'abort-reply', sessionId });
  }

  get activeReplies(): number {
    return this.inflight.size;
  }

  /** Whether this process has a reply for the session streaming or queued. */
  busy(sessionId: string): boolean {
    return this.queues.has(sessionId);
  }

  /**
   * On shutdown, first: waits for every reply streaming or queued here (new ones included) to
   * end, for at most `ms` or until `cut` aborts. Resolves true when none is left.
   */
  async drain(ms: number, cut?: AbortSignal): Promise<boolean> {
    let over = false;
    // One timer for the whole drain (settled by the time or by `cut`), however often the queues turn over.
    const timeUp = sleep(ms, undefined, { signal: cut, ref: false }).then(
      () => void (over = true),
      () => void (over = true),
    );
    while (this.queues.size > 0 && !over) await Promise.race([Promise.allSettled([...this.queues.values()]), timeUp]);
    return this.queues.size === 0;
  }

  /**
   * On shutdown, last: cuts off every reply still streaming (stored `failed` with its text so
   * far) and tells the customers of those and of the replies still queued, then waits for all
   * of it to be in the database.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const c of this.inflight.values()) c.abort(SHUTDOWN);
    await Promise.allSettled([...this.queues.values()]);
    this.checkpoints.stop();
  }

  private async generate(sessionId: string, hooks: ReplyHooks, opened?: Opened): Promise<MessageDto | null> {
    if (this.stopping && !opened) {
      await this.tellUnanswered(sessionId);
      return null;
    }
    // Registered before the mode is checked: a takeover commits `support` and then aborts, so
    // either the check sees `support` or the abort finds this controller. Registered after
    // the check, an abort landing in between was lost and the reply streamed after the ack.
    // (An opened reply's controller was registered by `open`, before the turn's update.)
    const controller = opened?.controller ?? new AbortController();
    this.inflight.set(sessionId, controller);
    let reply: ReplyStream | null = null;
    try {
      if (controller.signal.aborted && !opened) return null;
      // Takes the reply's seq only while the session is the AI's: the mode check and the
      // reservation are one conditional update (a takeover committed first leaves null).
      const slot = opened ? opened.turn.reply : await this.deps.messages.reserveReply(sessionId);
      if (!slot) return null;
      reply = new ReplyStream(this.deps, this.checkpoints, slot.session, controller.signal, hooks);
      if (opened) {
        // Its placeholder is being written with the customer message; an abort meanwhile still settles it.
        opened.turn.stored.then((s) => void (s.reply || controller.abort(NOT_STORED)), () => controller.abort(NOT_STORED));
        reply.adopt(opened.turn);
      } else {
        // Written whatever happens next (even an abort), so the reserved seq never becomes a gap.
        reply.prepare(slot);
      }
      return await this.run(slot.session, reply);
    } finally {
      if (this.inflight.get(sessionId) === controller) this.inflight.delete(sessionId);
      reply?.close();
    }
  }

  private async run(session: SessionDto, reply: ReplyStream): Promise<MessageDto | null> {
    try {
      const agent = await this.deps.agents.getDoc(session.agentId);
      await runTurn(this.deps, agent, session, reply);
      return await reply.finish('complete');
    } catch (err) {
      return await this.settleFailure(session, reply, err);
    }
  }

  /**
   * Settles every reply left unfinished by a process that stopped: `streaming` ones end
   * `failed` with the text saved so far (the customer is told), and any interrupted one is
   * given its end. Safe in every process at once (each settle is one conditional update; a
   * reply this process is still generating beats its heartbeat, so it is never stale).
   */
  async settleOrphans(staleMs: number): Promise<number> {
    const failed = await this.deps.messages.settleStale(new Date(Date.now() - staleMs));
    for (const orphan of failed) {
      this.deps.logger.warn({ sessionId: orphan.sessionId, messageId: orphan.id }, 'settled a reply orphaned by a stopped process');
      await this.apologise(orphan.sessionId, 'An AI reply was cut off by a server restart');
    }
    return failed.length;
  }

  private async settleFailure(session: SessionDto, reply: ReplyStream, err: unknown): Promise<MessageDto | null> {
    if (reply.signal.reason === NOT_STORED) return null;
    const cutOff = reply.signal.reason === SHUTDOWN;
    if (reply.aborted && !cutOff) return reply.finish('interrupted', 'takeover');
    const reason = cutOff ? 'the server shut down before it ended' : err instanceof LlmError ? `${err.kind}: ${err.message}` : String(err);
    this.deps.logger.warn({ sessionId: session.id, err: reason }, 'AI reply failed');
    const failed = await reply.finish('failed', cutOff ? 'shutdown' : 'model_error');
    if (cutOff) this.toldOfShutdown.add(session.id);
    await this.apologise(session.id, `The AI reply failed (${reason.slice(0, 200)})`);
    return failed;
  }

  /** A reply still queued at shutdown: the customer is told (once) unless the AI no longer answers there. */
  private async tellUnanswered(sessionId: string): Promise<void> {
    if (this.toldOfShutdown.has(sessionId)) return;
    this.toldOfShutdown.add(sessionId);
    const session = await this.deps.sessions.get(sessionId).catch(() => null);
    if (session?.mode !== 'ai' || session.status === 'closed') return;
    this.deps.logger.warn({ sessionId }, 'AI reply not started: the server shut down');
    await this.apologise(sessionId, 'An AI reply was not given: the server shut down');
  }

  /** Tells the customer, in the agent's language, that the reply won't come, and flags the session for a person. */
  private async apologise(sessionId: string, helpReason: string): Promise<void> {
    const agentId = await this.deps.sessions.agentOf(sessionId).catch(() => null);
    const agent = agentId ? await this.deps.agents.getDoc(agentId).catch(() => null) : null;
    await this.deps.messages.append(sessionId, 'system', chatLines(agent?.language).replyFailed, { allowClosed: false }).catch(() => undefined);
    await this.deps.sessions.requestHelp(sessionId, helpReason).catch(() => undefined);
  }
}
