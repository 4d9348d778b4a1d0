import type { MessageDto } from '../../../../shared/src/contract/types';
import type { Logger } from '../../logger';
import { AppError, notFound } from '../app-error';
import type { AgentService } from '../agents/agent.service';
import type { SessionService } from '../sessions/session.service';
import type { ApprovalFlags } from './approval-flags';
import { argumentsProblem } from './json-schema';
import { findTool } from './tool-catalog';
import type { ToolCallStore } from './tool-call.store';
import type { ToolInvoker } from './tool-invoker';

/** Who decides: an operator, or an integrator's API key. */
export interface Decider {
  id: string;
  name: string;
}

/** Asks for the AI's next reply (the agent runtime); it knows whether the AI may still answer. */
export interface ReplyRequester {
  requestReply(sessionId: string): Promise<unknown>;
}

/**
 * Human approval of tool calls (SPEC §8). Nothing waits in memory: a call waiting for approval
 * is a stored message, and every decision (approve, deny, timeout, takeover) is one
 * conditional update from `pending_approval`, so whichever process receives it carries the
 * conversation on, and of two decisions at once exactly one wins.
 */
export class ApprovalService {
  /** Work started by a decision, so shutdown and tests can wait for it. */
  private readonly inflight = new Set<Promise<unknown>>();

  constructor(
    private readonly deps: {
      store: ToolCallStore;
      invoker: ToolInvoker;
      flags: ApprovalFlags;
      agents: AgentService;
      sessions: SessionService;
      replies: ReplyRequester;
      logger: Logger;
    },
  ) {}

  /** Approves, optionally with edited arguments (checked against the tool's schema again); the tool then runs and the AI replies. */
  async approve(sessionId: string, toolCallId: string, by: Decider, args?: Record<string, unknown>): Promise<MessageDto> {
    const { message, agentId } = await this.pending(sessionId, toolCallId);
    const agent = await this.deps.agents.getDoc(agentId);
    const entry = findTool(agent, message.toolCall?.name ?? '');
    const finalArgs = args ?? message.toolCall?.arguments ?? {};
    if (args && entry) {
      const problem = argumentsProblem(entry.parameters, args);
      if (problem) throw new AppError('invalid_request', `${problem.field}: ${problem.message}`, { field: problem.field });
    }
    const approved = await this.deps.store.transition(sessionId, toolCallId, ['pending_approval'], {
      status: 'running',
      arguments: finalArgs,
      decidedBy: by,
      staleAt: entry ? this.deps.invoker.staleAt(entry) : new Date(),
    });
    if (!approved) throw alreadyDecided();
    this.deps.store.announce('tool.approved', approved, agentId);
    this.track(async () => {
      if (entry) await this.deps.invoker.runStored(agent, entry, approved, finalArgs);
      else await this.fail(approved, agentId, 'the tool is no longer configured on this agent');
      await this.carryOn(sessionId);
    });
    return approved;
  }

  /** Denies; the model is given the reason and the AI replies. */
  async deny(sessionId: string, toolCallId: string, by: Decider, reason?: string): Promise<MessageDto> {
    const { agentId } = await this.pending(sessionId, toolCallId);
    const denied = await this.deps.store.transition(sessionId, toolCallId, ['pending_approval'], { status: 'denied', decidedBy: by, reason: reason?.trim() || null });
    if (!denied) throw alreadyDecided();
    this.deps.store.announce('tool.denied', denied, agentId);
    this.track(() => this.carryOn(sessionId));
    return denied;
  }

  /** A takeover cancels what waits: the person now in charge decides by themselves (no AI reply follows). */
  async cancelWaiting(sessionId: string): Promise<number> {
    const agentId = await this.deps.sessions.agentOf(sessionId);
    let cancelled = 0;
    for (const m of await this.deps.store.pendingIn(sessionId)) {
      const done = await this.deps.store.transition(sessionId, m.toolCall?.toolCallId ?? '', ['pending_approval'], { status: 'cancelled', reason: 'a person took over the conversation' });
      if (!done) continue;
      cancelled += 1;
      if (agentId) this.deps.store.announce('tool.completed', done, agentId);
    }
    if (cancelled) await this.deps.flags.settle(sessionId);
    return cancelled;
  }

  /**
   * The sweep (every process, any number at once): approvals past their deadline become
   * `timed_out` and the AI says so; calls left `running` by a dead process become `failed`
   * and the AI replies (an apology) — never left hanging.
   */
  async sweep(now = new Date()): Promise<number> {
    let settled = 0;
    for (const m of await this.deps.store.expired(now)) {
      const done = await this.deps.store.transition(m.sessionId, m.toolCall?.toolCallId ?? '', ['pending_approval'], { status: 'timed_out', reason: 'not approved in time' });
      if (done) settled += await this.afterSweep(done);
    }
    for (const m of await this.deps.store.stale(now)) {
      const done = await this.deps.store.transition(m.sessionId, m.toolCall?.toolCallId ?? '', ['running'], { status: 'failed', reason: 'the server stopped while the tool was running; its outcome is unknown' });
      if (done) settled += await this.afterSweep(done);
    }
    return settled;
  }

  /** Resolves once the work started by decisions so far has ended. */
  async idle(): Promise<void> {
    while (this.inflight.size) await Promise.allSettled([...this.inflight]);
  }

  private async afterSweep(message: MessageDto): Promise<number> {
    const agentId = await this.deps.sessions.agentOf(message.sessionId);
    if (agentId) this.deps.store.announce('tool.completed', message, agentId);
    this.track(() => this.carryOn(message.sessionId));
    return 1;
  }

  private async fail(message: MessageDto, agentId: string, reason: string): Promise<void> {
    const failed = await this.deps.store.transition(message.sessionId, message.toolCall?.toolCallId ?? '', ['running'], { status: 'failed', reason });
    if (failed) this.deps.store.announce('tool.completed', failed, agentId);
  }

  /** Clears the session's flag if nothing else waits, then asks for the AI's reply (it sees the outcome in its history). */
  private async carryOn(sessionId: string): Promise<void> {
    await this.deps.flags.settle(sessionId);
    if ((await this.deps.store.pendingIn(sessionId)).length === 0) await this.deps.replies.requestReply(sessionId);
  }

  private async pending(sessionId: string, toolCallId: string): Promise<{ message: MessageDto; agentId: string }> {
    const message = await this.deps.store.find(sessionId, toolCallId);
    const agentId = message ? await this.deps.sessions.agentOf(sessionId) : null;
    if (!message?.toolCall || !agentId) throw notFound('tool call');
    if (message.toolCall.status !== 'pending_approval') throw alreadyDecided(message.toolCall.status);
    return { message, agentId };
  }

  private track(work: () => Promise<void>): void {
    const run = work().catch((err: unknown) => this.deps.logger.warn({ err }, 'carrying on after a tool decision failed'));
    this.inflight.add(run);
    void run.finally(() => this.inflight.delete(run));
  }
}

const alreadyDecided = (status?: string) => new AppError('already_decided', `this tool call has already been decided${status ? ` (${status})` : ''}`);
