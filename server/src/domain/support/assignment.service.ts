import type { SessionDto } from '../../../../shared/src/contract/types';
import { AppError } from '../app-error';
import type { OperatorService } from '../operators/operator.service';
import type { SessionService } from '../sessions/session.service';

/** Who asks to hand a session on: an admin (or API key) may always; an operator only their own. */
export interface Assigner {
  id: string;
  isAdmin: boolean;
}

/** Session ownership: a takeover assigns it (SupportService); this hands it on. */
export class AssignmentService {
  constructor(
    private readonly sessions: SessionService,
    private readonly operators: OperatorService,
  ) {}

  /**
   * Assigns the session to `operatorId`. Conditional on the owner being the one the check saw,
   * so two hand-offs racing cannot both win (the loser gets `conflict`).
   */
  async assign(sessionId: string, by: Assigner, operatorId: string): Promise<SessionDto> {
    const current = await this.sessions.getRaw(sessionId);
    const owner = current.assignedTo ? current.assignedTo.toHexString() : null;
    if (!by.isAdmin && owner !== by.id) throw new AppError('forbidden', 'only an admin or the operator who owns this session can hand it on');
    await this.operators.get(operatorId);
    return this.sessions.transition(sessionId, { assignedTo: current.assignedTo ?? null }, { $set: { assignedTo: operatorId } });
  }
}
