import { Types } from 'mongoose';
import type { SessionDto } from '../../../../shared/src/contract/types';
import { OperatorModel } from '../../db/models/operator.model';
import { SessionModel } from '../../db/models/session.model';
import type { Logger } from '../../logger';
import type { AgentService } from '../agents/agent.service';
import type { MessageService } from '../messages/message.service';
import type { CallOffers } from '../runtime/agent-runtime';
import { afterHoursNotice, isWithinBusinessHours } from '../support/business-hours-gate';
import { chatLines } from '../i18n/chat-lines';

const SWEEP_BATCH = 100;

export interface EscalationLadderDeps {
  agents: AgentService;
  messages: MessageService;
  calls: CallOffers;
  logger: Logger;
  clock?: () => Date;
}

/**
 * The escalation ladder: once help has been requested, the customer is never left waiting
 * in silence. If no operator has taken over within the agent's `waitSeconds` — or at once
 * when no operator is online — the AI says so honestly and, where the agent can escalate to
 * a phone call, offers one.
 *
 * Each help request is armed with the time it falls due (`ladderAt`, step 0) by the same
 * update that flags it (`SessionService.requestHelp`); whichever process gets there first
 * moves it to step 1 with one conditional update and speaks, so any number of processes may
 * run the check. A request is known by its `helpRequestedAt`: one resolved or renewed
 * meanwhile no longer matches.
 */
export class EscalationLadder {
  private readonly clock: () => Date;

  constructor(private readonly deps: EscalationLadderDeps) {
    this.clock = deps.clock ?? (() => new Date());
  }

  /**
   * A help request was just made (called once, by the process that set it). The request's own
   * update armed it (`SessionService.requestHelp`), so a process that dies here leaves it to
   * the sweep; what is left is not to wait when nobody can come.
   */
  async onHelpRequested(session: SessionDto): Promise<void> {
    if (!session.helpRequestedAt || session.mode !== 'ai') return;
    const agent = await this.deps.agents.getDoc(session.agentId);
    if (!agent.escalationLadder?.enabled) return;
    // Outside business hours there is no operator to wait for: answer at once, as when nobody is online.
    if (!isWithinBusinessHours(agent, this.clock()) || (await this.onlineOperators()) === 0) await this.step(session.id, new Date(session.helpRequestedAt));
  }

  /** Speaks for every armed help request whose wait is over; returns how many it answered. */
  async sweep(): Promise<number> {
    const due = await SessionModel.find({ ladderStep: 0, ladderAt: { $lte: this.clock() }, helpRequested: true }, { _id: 1, helpRequestedAt: 1 })
      .limit(SWEEP_BATCH)
      .lean();
    let answered = 0;
    for (const s of due) if (s.helpRequestedAt && (await this.step(s._id.toHexString(), s.helpRequestedAt))) answered++;
    return answered;
  }

  /** Claims the step for the armed request made at `requestedAt` (one conditional update) and, if it won, speaks. */
  private async step(sessionId: string, requestedAt: Date): Promise<boolean> {
    const claimed = await SessionModel.findOneAndUpdate(
      { _id: new Types.ObjectId(sessionId), ladderStep: 0, ladderAt: { $ne: null }, helpRequested: true, helpRequestedAt: requestedAt, mode: 'ai', status: 'active' },
      { $set: { ladderStep: 1 } },
      { returnDocument: 'after', projection: { agentId: 1 } },
    ).lean();
    if (!claimed) return false;
    const agent = await this.deps.agents.getDoc(claimed.agentId.toHexString());
    const canCall = Boolean(agent.callEscalation?.enabled && agent.callEscalation.webhookUrl);
    // Outside hours the line says when people are back: it is the only after-hours line the customer gets.
    const away = afterHoursNotice(agent, this.clock());
    const nobody = away !== null || (await this.onlineOperators()) === 0;
    const lines = chatLines(agent.language);
    const text = away ? away + (canCall ? ` ${lines.withCall}` : '') : `${nobody ? lines.nobodyOnline : lines.notYet} ${canCall ? lines.withCall : lines.withoutCall}`;
    await this.deps.messages.append(sessionId, 'agent', text, { status: 'complete', source: 'escalation' });
    if (canCall) await this.deps.calls.offer(sessionId, nobody ? 'No one from the team is online right now' : 'No one from the team has been able to join yet');
    this.deps.logger.info({ sessionId, nobodyOnline: nobody, callOffered: canCall }, 'escalation ladder answered a waiting help request');
    return true;
  }

  private onlineOperators(): Promise<number> {
    // Online by choice and with a console open: an operator who closed the console is not coming.
    return OperatorModel.countDocuments({ status: 'online', presentUntil: { $gt: new Date() } });
  }
}
