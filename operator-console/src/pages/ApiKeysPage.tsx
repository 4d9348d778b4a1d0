import { useState } from 'preact/hooks';
import { EmptyState } from '../components/EmptyState';
import { ErrorNotice } from '../components/ErrorNotice';
import { TextField } from '../components/Field';
import { OnceSecret } from '../components/OnceSecret';
import { useAsync } from '../hooks/useAsync';
import { API_KEY_SCOPES, type ApiKeyScope } from '../../../shared/src/api-key-scopes';
import { api, errorMessage } from '../lib/api';
import { formatTime } from '../lib/format';
import { showToast } from '../lib/toasts';

const SCOPE_HINTS: Record<ApiKeyScope, string> = {
  'sessions:read': 'read sessions, messages and agents',
  'sessions:write': 'create sessions, send messages, support commands',
  'agents:write': 'create and change agents',
  'knowledge:write': 'knowledge bases and documents',
  'events:read': 'the /events socket',
  'webhooks:write': 'webhooks and their deliveries',
  admin: 'everything, including keys, staff and erasure',
};

/** Admin: developer API keys, each with the least it needs. The secret is shown once, right after it is made. */
export function ApiKeysPage() {
  const list = useAsync(() => api.listApiKeys());
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiKeyScope[]>(['sessions:read', 'sessions:write']);
  const toggle = (scope: ApiKeyScope) => setScopes((now) => (now.includes(scope) ? now.filter((s) => s !== scope) : [...now, scope]));
  const [secret, setSecret] = useState<{ name: string; key: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const create = async (e: Event): Promise<void> => {
    e.preventDefault();
    setError(null);
    try {
      const { apiKey, key } = await api.createApiKey(name.trim(), scopes);
      setSecret({ name: apiKey.name, key });
      setName('');
      list.reload();
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const revoke = async (id: string, keyName: string): Promise<void> => {
    if (!window.confirm(`Revoke “${keyName}”? Anything using it stops working at once.`)) return;
    try {
      await api.revokeApiKey(id);
      list.reload();
    } catch (err) {
      showToast({ tone: 'error', title: 'Could not revoke', body: errorMessage(err) });
    }
  };

  return (
    <div class="page">
      <div class="page__head">
        <h1>API keys</h1>
      </div>
      <form class="card inline-form" onSubmit={(e) => void create(e)}>
        <TextField label="Key name" testId="apikey-name" required value={name} onValue={setName} placeholder="e.g. CRM integration" />
        <fieldset class="scopes" data-testid="apikey-scopes">
          <legend>What it may do</legend>
          {API_KEY_SCOPES.map((scope) => (
            <label key={scope} class="checkbox" title={SCOPE_HINTS[scope]}>
              <input type="checkbox" checked={scopes.includes(scope)} onChange={() => toggle(scope)} data-testid={`apikey-scope-${scope}`} /> <code>{scope}</code>{' '}
              <span class="muted small">{SCOPE_HINTS[scope]}</span>
            </label>
          ))}
        </fieldset>
        <button type="submit" class="btn btn--primary" data-testid="apikey-create" disabled={!name.trim() || scopes.length === 0}>
          Make key
        </button>
      </form>
      {error && <ErrorNotice message={error} />}
      {secret && (
        <OnceSecret testId="apikey-secret" values={[{ value: secret.key, testId: 'apikey-secret-value', copyTestId: 'apikey-copy' }]} onDone={() => setSecret(null)}>
          <strong>{secret.name}</strong> — copy this key now. It is shown only once.
        </OnceSecret>
      )}
      {list.error && <ErrorNotice message={list.error} onRetry={list.reload} />}
      {list.data && list.data.apiKeys.length === 0 && <EmptyState title="No API keys yet">Make one for each system that calls the REST API.</EmptyState>}
      {list.data && list.data.apiKeys.length > 0 && (
        <table class="table" data-testid="apikeys-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Key</th>
              <th>Scopes</th>
              <th>Created</th>
              <th>Last used</th>
              <th>
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.data.apiKeys.map((k) => (
              <tr key={k.id} data-testid="apikey-row" class={k.revokedAt ? 'is-revoked' : ''}>
                <td>{k.name}</td>
                <td>
                  <code>{k.prefix}…</code>
                </td>
                <td data-testid="apikey-row-scopes">{k.scopes.join(', ')}</td>
                <td>{formatTime(k.createdAt)}</td>
                <td>{k.lastUsedAt ? formatTime(k.lastUsedAt) : 'Never'}</td>
                <td class="table__actions">
                  {k.revokedAt ? (
                    <span class="muted small">Revoked {formatTime(k.revokedAt)}</span>
                  ) : (
                    <button type="button" class="btn btn--ghost btn--sm" data-testid="apikey-revoke" onClick={() => void revoke(k.id, k.name)}>
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
