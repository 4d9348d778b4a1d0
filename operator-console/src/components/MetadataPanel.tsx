import { Fragment } from 'preact';
import type { SessionDto } from '../../../shared/src/dto';
import { formatTime, metadataText } from '../lib/format';
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
          <Link href={`${BASE}/sessions${filtersToQuery({ customerId: session.customerId })}`} class="small" data-testid="customer-sessions">
            All their conversations
          </Link>
        </dd>
        <dt>Assigned to</dt>
        <dd data-testid="assigned-to">{assignee}</dd>
        <dt>Started</dt>
        <dd>{formatTime(session.createdAt)}</dd>
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
