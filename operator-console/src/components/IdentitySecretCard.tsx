import { useState } from 'preact/hooks';
import { api, errorMessage } from '../lib/api';
import { CopyButton } from './CopyButton';

/**
 * The agent's identity secret, for the backend that signs `data-customer-hash`: hidden until
 * asked for, copyable, and rotatable (old hashes stop verifying at once).
 */
export function IdentitySecretCard({ agentId }: { agentId: string }) {
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (work: () => Promise<string>): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      setSecret(await work());
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const rotate = (): void => {
    if (window.confirm('Rotate the identity secret? Customer hashes made with the current one stop verifying at once.')) void run(() => api.rotateIdentitySecret(agentId));
  };

  return (
    <section class="page" aria-label="Identity verification" data-testid="identity-secret">
      <h2>Identity verification</h2>
      <p class="muted small">
        To let the widget know a signed-in customer, set <code>data-customer-id</code> and <code>data-customer-hash</code>: the hex HMAC-SHA256 of
        the id with this secret, computed on your server. Without a valid hash the visitor is anonymous.
      </p>
      <div class="secret__row">
        {secret ? (
          <>
            <code class="secret__value" data-testid="identity-secret-value">
              {secret}
            </code>
            <CopyButton text={secret} testId="identity-secret-copy" />
          </>
        ) : (
          <button type="button" class="btn btn--sm" data-testid="identity-secret-show" disabled={busy} onClick={() => void run(() => api.identitySecret(agentId))}>
            Show secret
          </button>
        )}
        <button type="button" class="btn btn--ghost btn--sm" data-testid="identity-secret-rotate" disabled={busy} onClick={rotate}>
          Rotate
        </button>
      </div>
      {error && (
        <p class="msg__flag msg__flag--error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
