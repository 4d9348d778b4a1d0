import type { CustomerSessionDto, LeadFieldDto, LeadFieldValue, SessionDto } from '../../../../shared/src/contract/types';
import type { AgentDoc } from '../../db/models/agent.model';
import type { AgentService } from '../agents/agent.service';
import { AppError } from '../app-error';
import type { EventBus } from '../events/event-bus';
import { viewOfSession } from '../audience/audience';
import { refs, type SessionService } from '../sessions/session.service';
import { checkValues, type CheckedValues, type CheckOptions } from './field-values';
import { settleCompleteness, writeFields } from './fields-store';
import { leadFieldsOf, prechatMissing } from './lead-fields';
import { saveFieldsResult } from './save-fields-tool';

/** What the agent runtime needs of lead capture: carrying out one `save_fields` call. */
export interface LeadCapture {
  saveFromModel(session: SessionDto, agent: AgentDoc, values: Record<string, unknown>): Promise<{ content: string; session: SessionDto }>;
}

/**
 * Lead capture (SPEC §9): the session's `fields`, written by the model (`save_fields`), the
 * customer (the widget's pre-chat form) and staff (REST), each checked against the agent's
 * fields. Every write is one atomic update, then one `session.fields_updated` event.
 */
export class LeadService implements LeadCapture {
  constructor(
    private readonly agents: AgentService,
    private readonly sessions: SessionService,
    private readonly bus: EventBus,
  ) {}

  /** A `save_fields` call: valid values are stored, invalid ones go back to the model, named, to ask again. */
  async saveFromModel(session: SessionDto, agent: AgentDoc, values: Record<string, unknown>): Promise<{ content: string; session: SessionDto }> {
    const fields = leadFieldsOf(agent);
    const checked = checkValues(fields, values, { skipBlank: true });
    const saved = Object.keys(checked.set).length ? await this.write(session, fields, checked) : session;
    return { content: saveFieldsResult(fields, Object.keys(checked.set), checked.problems, saved), session: saved };
  }

  /** Staff set (or, with null, clear) fields; one bad value refuses the whole change. */
  async setByStaff(sessionId: string, values: Record<string, LeadFieldValue | null>): Promise<SessionDto> {
    return this.setAll(sessionId, values, { allowClear: true });
  }

  /**
   * The customer's pre-chat form: only `prechat` fields, and the required ones must be given
   * (or already held) — the form is submitted once, whole.
   */
  async submitPrechat(sessionId: string, values: Record<string, LeadFieldValue>): Promise<CustomerSessionDto> {
    const precheck = (fields: LeadFieldDto[], session: SessionDto) => {
      const missing = fields.find((f) => f.prechat && f.required && values[f.key] === undefined && session.fields[f.key] === undefined);
      if (missing) throw fieldError(missing.key, 'is required');
    };
    // Marked as sent in the same update, so the form is not asked again (optional fields may stay empty).
    const session = await this.setAll(sessionId, values, { allowed: (f) => f.prechat, notAllowed: 'is not asked in the pre-chat form' }, precheck, { prechatAt: new Date() });
    return viewOfSession('customer', session);
  }

  /** An agent's fields were edited: its sessions' `fieldsComplete` follows the new required fields. */
  async agentFieldsChanged(agentId: string): Promise<void> {
    const required = leadFieldsOf(await this.agents.getDoc(agentId)).filter((f) => f.required).map((f) => f.key);
    await settleCompleteness(agentId, required);
  }

  /**
   * The customer's view of a session, with the pre-chat fields still to ask: those not held yet,
   * until the customer has sent the form once.
   */
  async customerView(session: SessionDto, agent?: AgentDoc): Promise<CustomerSessionDto> {
    const fields = leadFieldsOf(agent ?? (await this.agents.getDoc(session.agentId)));
    const prechat = prechatMissing(fields, session);
    // Read only for agents with pre-chat questions still open: most sessions never pay for it.
    if (!prechat.length || (await this.sessions.getRaw(session.id)).prechatAt) return viewOfSession('customer', session);
    return { ...viewOfSession('customer', session), prechat };
  }

  private async setAll(
    sessionId: string,
    values: Record<string, unknown>,
    opts: CheckOptions,
    precheck?: (fields: LeadFieldDto[], session: SessionDto) => void,
    also: { prechatAt?: Date } = {},
  ): Promise<SessionDto> {
    const session = await this.sessions.get(sessionId);
    const fields = leadFieldsOf(await this.agents.getDoc(session.agentId));
    const checked = checkValues(fields, values, opts);
    const problem = checked.problems[0];
    if (problem) throw fieldError(problem.key, problem.reason);
    precheck?.(fields, session);
    if (!Object.keys(checked.set).length && !checked.clear.length && !also.prechatAt) return session;
    return this.write(session, fields, checked, also);
  }

  private async write(session: SessionDto, fields: LeadFieldDto[], checked: CheckedValues, also: { prechatAt?: Date } = {}): Promise<SessionDto> {
    const required = fields.filter((f) => f.required).map((f) => f.key);
    const updated = await writeFields(session.id, checked.set, checked.clear, required, also);
    const changed = [...Object.keys(checked.set), ...checked.clear];
    if (changed.length) this.bus.publish('session.fields_updated', refs(updated), { session: updated, changed });
    return updated;
  }
}

const fieldError = (key: string, reason: string) => new AppError('invalid_request', `fields.${key}: ${reason}`, { field: `fields.${key}` });
