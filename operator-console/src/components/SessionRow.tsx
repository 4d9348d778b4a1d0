import type { SessionDto } from '../../../shared/src/dto';
import { formatRelative } from '../lib/format';
import { BASE } from '../lib/router';
import { lastActivity } from '../lib/session-filters';
import { awaitingReply } from '../lib/awaiting-reply';
import { ApprovalBadge, AwaitingBadge, HelpBadge, ModeBadge, StatusBadge } from './Badges';
import { Link } from './Link';

interface Props {
  session: SessionDto;
  agentName: string;
  /** The owner's name, when someone owns it. */
  owner: string | null;
  search: string;
  selected: boolean;
  open: boolean;
  /** Show how long the help request has waited instead of the last activity. */
  waitingOrder?: boolean;
}

/** One conversation in the log: customer, agent, state badges and last activity. */
export function SessionRow({ session, agentName, owner, search, selected, open, waitingOrder = false }: Props) {
  const asked = waitingOrder ? session.helpRequestedAt : null;
  const activity = asked ?? lastActivity(session);
  return (
    <li data-session-id={session.id} class={`row ${selected ? 'is-selected' : ''} ${open ? 'is-open' : ''} ${session.helpRequested ? 'row--help' : ''} ${session.approvalPending ? 'row--approval' : ''}`}>
      <Link
        href={`${BASE}/sessions/${encodeURIComponent(session.id)}${search}`}
        class="row__link"
        data-testid="session-row"
        aria-current={open ? 'page' : undefined}
      >
        <span class="row__top">
          <span class="row__customer" data-testid="row-customer">
            {session.customerId}
          </span>
          <time class="row__time" dateTime={activity} title={new Date(activity).toLocaleString()} data-testid="row-time">
            {asked ? `asked ${formatRelative(activity)}` : formatRelative(activity)}
          </time>
        </span>
        <span class="row__bottom">
          <span class="row__agent">{agentName}</span>
          <span class="badge badge--channel" data-testid="channel-badge" title={`Channel: ${session.channel}`}>
            {session.channel}
          </span>
          <StatusBadge status={session.status} />
          <ModeBadge mode={session.mode} />
          {session.helpRequested && <HelpBadge />}
          {awaitingReply(session) && <AwaitingBadge />}
          {session.approvalPending && <ApprovalBadge />}
          {owner && (
            <span class="row__owner muted small" data-testid="row-owner" title={`Owned by ${owner}`}>
              · {owner}
            </span>
          )}
        </span>
      </Link>
    </li>
  );
}
