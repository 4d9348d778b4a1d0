import { Fragment } from 'preact';
import type { LeadFieldDto, SessionDto } from '../../../shared/src/contract/types';
import { leadFieldRows } from '../lib/lead-fields';

/** What the agent captured from the customer (lead capture), labelled as the agent defines the fields. */
export function LeadFieldsPanel({ session, definitions }: { session: SessionDto; definitions: LeadFieldDto[] }) {
  const rows = leadFieldRows(definitions, session.fields ?? {});
  if (rows.length === 0) return null;
  const hasRequired = definitions.some((d) => d.required);
  return (
    <section class="leads" data-testid="lead-fields" aria-labelledby="lead-fields-title">
      <h3 class="meta__title" id="lead-fields-title">
        Captured details{' '}
        {hasRequired && (
          <span class={`badge ${session.fieldsComplete ? 'badge--active' : 'badge--help'}`} data-testid="fields-complete" data-complete={String(session.fieldsComplete)}>
            {session.fieldsComplete ? 'Complete' : 'Incomplete'}
          </span>
        )}
      </h3>
      <dl class="kv">
        {rows.map((row) => (
          <Fragment key={row.key}>
            <dt>
              {row.label}
              {row.required && <span aria-label="required"> *</span>}
            </dt>
            <dd data-testid={`lead-field-${row.key}`} class={row.value === null ? 'muted' : ''}>
              {row.value ?? 'not given yet'}
            </dd>
          </Fragment>
        ))}
      </dl>
    </section>
  );
}
