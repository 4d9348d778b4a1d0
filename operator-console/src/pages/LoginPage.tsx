import { useState } from 'preact/hooks';
import type { OperatorDto } from '../../../shared/src/contract/types';
import { ErrorNotice } from '../components/ErrorNotice';
import { api, errorMessage, tokenStore } from '../lib/api';

/** Email and password; on success the token is kept in localStorage and the console opens. */
export function LoginPage({ onLogin }: { onLogin: (operator: OperatorDto) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { token, operator } = await api.login(email.trim(), password);
      tokenStore.set(token);
      onLogin(operator);
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <main class="login">
      <form class="login__card" onSubmit={(e) => void submit(e)}>
        <h1 class="brand brand--lg">
          <span class="brand__mark" aria-hidden="true">◆</span> Switchboard
        </h1>
        <p class="muted">Sign in to the operator console</p>
        <label class="field">
          <span class="field__label">Email</span>
          <input class="input" type="email" autoComplete="username" required data-testid="login-email" value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
        </label>
        <label class="field">
          <span class="field__label">Password</span>
          <input class="input" type="password" autoComplete="current-password" required data-testid="login-password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
        </label>
        {error && <ErrorNotice message={error} />}
        <button type="submit" class="btn btn--primary btn--block" data-testid="login-submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
