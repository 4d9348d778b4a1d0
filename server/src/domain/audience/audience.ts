import { CUSTOMER_VISIBLE_ROLES } from '../../../../shared/src/contract/vocabulary';
import type { CallDto, CustomerSessionDto, MessageDto, MessageRole, SessionDto } from '../../../../shared/src/contract/types';

/**
 * Who may see what of a conversation — the one place that decides it. Services and the
 * socket fan-out ask here; no route or socket handler decides it by itself.
 *
 * - a **customer** sees their own session's state (never its metadata, lead fields, assignment
 *   or help reason) and only the messages said to them: their own, the AI's, people's (`tell`,
 *   replies after a takeover) and notices (`system`). Whispers, context and tool calls
 *   (approvals included) stay on the staff side.
 * - an **operator** and an **API key** are staff and see everything of a session they may
 *   reach: a key's scopes limit what it may call, not what it sees.
 */
export type Audience = 'customer' | 'operator' | 'apiKey';

/** An audience, or `staff` where the reader is only known not to be the customer (REST access checks, a service's own reads). */
export type Reader = Audience | 'staff';

const CUSTOMER_ROLES: ReadonlySet<MessageRole> = new Set(CUSTOMER_VISIBLE_ROLES);

/** Whether the customer may see a message of this role. */
export function customerMaySee(message: Pick<MessageDto, 'role'>): boolean {
  return CUSTOMER_ROLES.has(message.role);
}

/** The roles `reader` may see, as a database filter wants them; null when every role. */
export function visibleRoles(reader: Reader): readonly MessageRole[] | null {
  return reader === 'customer' ? CUSTOMER_VISIBLE_ROLES : null;
}

/** A message as `reader` sees it: null when they may not see it at all. */
export function viewOfMessage(reader: Reader, message: MessageDto): MessageDto | null {
  return reader !== 'customer' || customerMaySee(message) ? message : null;
}

/** What `reader` may see of a session: the customer only its state, staff all of it. */
export function viewOfSession(reader: 'customer', session: SessionDto): CustomerSessionDto;
export function viewOfSession(reader: Reader, session: SessionDto): SessionDto | CustomerSessionDto;
export function viewOfSession(reader: Reader, s: SessionDto): SessionDto | CustomerSessionDto {
  if (reader !== 'customer') return s;
  return { id: s.id, agentId: s.agentId, status: s.status, mode: s.mode, helpRequested: s.helpRequested, lastSeq: s.lastSeq, createdAt: s.createdAt, rated: s.csat !== null };
}

/** A phone call as `reader` sees it: the customer's widget gets no staff notes (the call summary, delivery errors). */
export function viewOfCall(reader: Reader, call: CallDto): CallDto {
  return reader === 'customer' ? { ...call, summary: null, error: null } : call;
}
