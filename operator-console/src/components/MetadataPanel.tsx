import { Fragment } from 'preact';
import type { SessionDto } from '../../../shared/src/contract/types';
import { formatDateTime, metadataText } from '../lib/format';
import { BASE } from '../lib/router';
import { filtersToQuery } from '../lib/session-filters';
import { Link } from './Link';

/** The session's facts and its free-form metadata, every value rendered as plain text. */
export function MetadataPanel({ session, assignee }: { session: SessionDto; assignee: string }) {
  const entries = Object.entries(session.metadata ?? {});
  return (
    <aside class="meta" data-testid="metadata">
      <h3 class="meta__title">Details</h3>
      <dl class="kv">
        <dt>Customer</dt>
        <dd>
          {session.customerId}
          <br />
          <Link href={`${BASE}/sessions${filtersToQuery({ customerIdPrefix: session.customerId })}`} class="small" data-testid="customer-sessions">
            All their conversations
          </Link>
        </dd>
        <dt>Assigned to</dt>
        <dd data-testid="assigned-to">{assignee}</dd>
        {/* Dates always (issue 22.4: "Started 07:34 AM" alone said nothing about which day). */}
        <dt>Started</dt>
        <dd data-testid="detail-started">{formatDateTime(session.createdAt)}</dd>
        {session.lastMessageAt && (
          <>
            <dt>Last activity</dt>
            <dd data-testid="detail-last-activity">{formatDateTime(session.lastMessageAt)}</dd>
          </>
        )}
        {session.modeChangedAt && (
          <>
            <dt>{session.mode === 'support' ? 'Taken over' : 'Back to the AI'}</dt>
            <dd data-testid="detail-mode-changed">{formatDateTime(session.modeChangedAt)}</dd>
          </>
        )}
        {session.closedAt && (
          <>
            <dt>Closed</dt>
            <dd data-testid="detail-closed">{formatDateTime(session.closedAt)}</dd>
          </>
        )}
        {session.helpRequested && session.helpReason && (
          <>
            <dt>Help reason</dt>
            <dd>{session.helpReason}</dd>
          </>
        )}
        {session.currentState && (
          <>
            <dt>Prompt state</dt>
            <dd>{session.currentState}</dd>
          </>
        )}
      </dl>
      <h3 class="meta__title">Metadata</h3>
      {entries.length === 0 ? (
        <p class="muted">None</p>
      ) : (
        <dl class="kv" data-testid="metadata-list">
          {entries.map(([key, value]) => (
            <Fragment key={key}>
              <dt>{key}</dt>
              <dd>{metadataText(value)}</dd>
            </Fragment>
          ))}
        </dl>
      )}
    </aside>
  );
}
