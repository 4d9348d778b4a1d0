import { useState } from 'preact/hooks';
import { DOMAIN_EVENT_TYPES, type DomainEventType } from '../../../shared/src/contract/vocabulary';
import type { WebhookDto } from '../../../shared/src/contract/types';
import { EmptyState } from '../components/EmptyState';
import { ErrorNotice } from '../components/ErrorNotice';
import { TextField } from '../components/Field';
import { OnceSecret } from '../components/OnceSecret';
import { WebhookDeliveries } from '../components/WebhookDeliveries';
import { TableHead } from '../components/TableHead';
import { useAsync } from '../hooks/useAsync';
import { api, errorMessage } from '../lib/api';
import { formatTime } from '../lib/format';
import { showToast } from '../lib/toasts';

interface Secrets {
  url: string;
  secret: string;
  standardWebhooksSecret: string;
}

/** Admin: webhooks (signed event deliveries to a URL), their recent deliveries, and a retry for failed ones. The secret is shown once. */
export function WebhooksPage() {
  const list = useAsync(() => api.listWebhooks());
  const [url, setUrl] = useState('');
  const [types, setTypes] = useState<DomainEventType[]>(['session.created', 'help.requested']);
  const toggle = (type: DomainEventType) => setTypes((now) => (now.includes(type) ? now.filter((t) => t !== type) : [...now, type]));
  const [secrets, setSecrets] = useState<Secrets | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<WebhookDto | null>(null);

  const create = async (e: Event): Promise<void> => {
    e.preventDefault();
    setError(null);
    try {
      const made = await api.createWebhook(url.trim(), types);
      setSecrets({ url: made.webhook.url, secret: made.secret, standardWebhooksSecret: made.standardWebhooksSecret });
      setUrl('');
      list.reload();
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const remove = async (hook: WebhookDto): Promise<void> => {
    if (!window.confirm(`Delete the webhook to ${hook.url}? Nothing more is sent to it, and its delivery log goes too.`)) return;
    try {
      await api.deleteWebhook(hook.id);
      if (open?.id === hook.id) setOpen(null);
      list.reload();
    } catch (err) {
      showToast({ tone: 'error', title: 'Could not delete', body: errorMessage(err) });
    }
  };

  return (
    <div class="page">
      <div class="page__head">
        <h1>Webhooks</h1>
      </div>
      <form class="card inline-form" onSubmit={(e) => void create(e)}>
        <TextField label="Endpoint URL" testId="webhook-url" type="url" required value={url} onValue={setUrl} placeholder="https://example.com/switchboard" />
        <fieldset class="scopes" data-testid="webhook-types">
          <legend>Events to send</legend>
          {DOMAIN_EVENT_TYPES.map((type) => (
            <label key={type} class="checkbox">
              <input type="checkbox" checked={types.includes(type)} onChange={() => toggle(type)} data-testid={`webhook-type-${type}`} /> <code>{type}</code>
            </label>
          ))}
        </fieldset>
        <button type="submit" class="btn btn--primary" data-testid="webhook-create" disabled={!url.trim() || types.length === 0}>
          Add webhook
        </button>
      </form>
      {error && <ErrorNotice message={error} />}
      {secrets && (
        <OnceSecret
          testId="webhook-secret"
          values={[
            { value: secrets.secret, testId: 'webhook-secret-value', copyTestId: 'webhook-secret-copy' },
            { value: secrets.standardWebhooksSecret, label: 'The same key as Standard Webhooks libraries take it:', testId: 'webhook-standard-secret-value', copyTestId: 'webhook-standard-secret-copy' },
          ]}
          onDone={() => setSecrets(null)}
        >
          Webhook to <strong>{secrets.url}</strong> added — copy its signing secret now. It is shown only once. Verify each delivery's signature with it (see docs/webhooks.md).
        </OnceSecret>
      )}
      {list.error && <ErrorNotice message={list.error} onRetry={list.reload} />}
      {list.data && list.data.webhooks.length === 0 && <EmptyState title="No webhooks yet">Add one to have events posted, signed, to your systems.</EmptyState>}
      {list.data && list.data.webhooks.length > 0 && (
        <table class="table" data-testid="webhooks-table">
          <TableHead columns={['URL', 'Events', 'Status', 'Created']} />
          <tbody>
            {list.data.webhooks.map((h) => (
              <tr key={h.id} data-testid="webhook-row">
                <td>
                  <code>{h.url}</code>
                </td>
                <td data-testid="webhook-row-types">{h.types.join(', ')}</td>
                <td>
                  <span class="badge badge--active">Active</span>
                </td>
                <td>{formatTime(h.createdAt)}</td>
                <td class="table__actions">
                  <button type="button" class="btn btn--ghost btn--sm" aria-pressed={open?.id === h.id} data-testid="webhook-show-deliveries" onClick={() => setOpen(open?.id === h.id ? null : h)}>
                    Deliveries
                  </button>
                  <button type="button" class="btn btn--ghost btn--sm" data-testid="webhook-delete" onClick={() => void remove(h)}>
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {open && <WebhookDeliveries key={open.id} webhook={open} />}
    </div>
  );
}
