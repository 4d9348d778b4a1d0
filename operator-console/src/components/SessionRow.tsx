import type { SessionDto, SessionPreviewDto } from '../../../shared/src/contract/types';
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
  preview?: SessionPreviewDto;
}

const WHO: Record<NonNullable<SessionPreviewDto['lastMessage']>['role'], string> = { customer: '', agent: 'AI: ', operator: 'Team: ' };

/** One conversation in the log: customer, agent, state badges and last activity. */
export function SessionRow({ session, agentName, owner, search, selected, open, waitingOrder = false, preview }: Props) {
  const asked = waitingOrder ? session.helpRequestedAt : null;
  const activity = asked ?? lastActivity(session);
  // The customer spoke last and nobody has answered yet: how long they have waited.
  const waiting = session.status !== 'closed' && session.lastMessageFrom === 'customer' && session.lastMessageAt ? session.lastMessageAt : null;
  const unread = open ? 0 : (preview?.unread ?? 0);
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
            {unread > 0 && (
              <span class="row__unread" data-testid="row-unread" aria-label={`${unread} unread`}>
                {unread}
              </span>
            )}
          </span>
          <time class="row__time" dateTime={activity} title={new Date(activity).toLocaleString()} data-testid="row-time">
            {asked ? `asked ${formatRelative(activity)}` : formatRelative(activity)}
          </time>
        </span>
        {preview?.snippet ? (
          <span class="row__preview row__preview--hit" data-testid="row-snippet">
            {preview.snippet}
          </span>
        ) : (
          preview?.lastMessage && (
            <span class="row__preview" data-testid="row-preview">
              {WHO[preview.lastMessage.role]}
              {preview.lastMessage.text}
            </span>
          )
        )}
        {waiting && (
          <span class="row__waiting" data-testid="row-waiting">
            Customer waiting {formatRelative(waiting).replace(' ago', '')}
          </span>
        )}
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
