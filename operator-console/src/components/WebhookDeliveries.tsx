import { useEffect, useState } from 'preact/hooks';
import type { WebhookDeliveryDto, WebhookDto } from '../../../shared/src/contract/types';
import { useAsync } from '../hooks/useAsync';
import { api, errorMessage } from '../lib/api';
import { formatTime } from '../lib/format';
import { showToast } from '../lib/toasts';
import { EmptyState } from './EmptyState';
import { ErrorNotice } from './ErrorNotice';
import { TableHead } from './TableHead';

/** While a delivery is on its way the log is read again this often, so a retry's outcome shows by itself. */
const REFRESH_MS = 2_000;

const BADGE: Record<WebhookDeliveryDto['status'], string> = { pending: 'badge--dormant', succeeded: 'badge--active', failed: 'badge--help' };
const LABEL: Record<WebhookDeliveryDto['status'], string> = { pending: 'Pending', succeeded: 'Delivered', failed: 'Failed' };

/** One webhook's recent deliveries: status, the last attempt's HTTP status or error, tries, time; failed ones can be sent again. */
export function WebhookDeliveries({ webhook }: { webhook: WebhookDto }) {
  const log = useAsync(() => api.webhookDeliveries(webhook.id), [webhook.id]);
  const [retrying, setRetrying] = useState<string | null>(null);
  const inFlight = log.data?.deliveries.some((d) => d.status === 'pending') ?? false;
  useEffect(() => {
    if (!inFlight) return;
    const timer = setInterval(log.reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [inFlight, log.reload]);

  const retry = async (d: WebhookDeliveryDto): Promise<void> => {
    setRetrying(d.id);
    try {
      await api.retryWebhookDelivery(webhook.id, d.id);
    } catch (err) {
      showToast({ tone: 'error', title: 'Could not retry', body: errorMessage(err) });
    } finally {
      setRetrying(null);
      log.reload();
    }
  };

  return (
    <section class="card" aria-labelledby="deliveries-title" data-testid="webhook-deliveries">
      <div class="page__head">
        <h2 id="deliveries-title">
          Recent deliveries to <code>{webhook.url}</code>
        </h2>
        <button type="button" class="btn btn--ghost btn--sm" onClick={log.reload} data-testid="webhook-deliveries-refresh">
          Refresh
        </button>
      </div>
      {log.error && <ErrorNotice message={log.error} onRetry={log.reload} />}
      {log.data && log.data.deliveries.length === 0 && <EmptyState title="Nothing sent yet">Deliveries show here once a matching event happens.</EmptyState>}
      {log.data && log.data.deliveries.length > 0 && (
        <table class="table" data-testid="webhook-deliveries-table">
          <TableHead columns={['Event', 'Status', 'HTTP status', 'Error', 'Attempts', 'Time']} />
          <tbody>
            {log.data.deliveries.map((d) => {
              const last = d.attempts[d.attempts.length - 1];
              return (
                <tr key={d.id} data-testid="webhook-delivery-row" data-status={d.status}>
                  <td>
                    <code>{d.type}</code>
                  </td>
                  <td>
                    <span class={`badge ${BADGE[d.status]}`} data-testid="webhook-delivery-status">
                      {LABEL[d.status]}
                    </span>
                  </td>
                  <td data-testid="webhook-delivery-http">{last?.status ?? '—'}</td>
                  <td data-testid="webhook-delivery-error">{last?.error ?? '—'}</td>
                  <td data-testid="webhook-delivery-attempts">{d.attempts.length}</td>
                  <td>{formatTime(last?.at ?? d.createdAt)}</td>
                  <td class="table__actions">
                    {d.status === 'failed' && (
                      <button type="button" class="btn btn--ghost btn--sm" disabled={retrying === d.id} onClick={() => void retry(d)} data-testid="webhook-delivery-retry">
                        Retry
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
