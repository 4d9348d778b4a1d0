/**
 * The operator console: boot (token → `GET /v1/auth/me` → socket), the signed-in shell and
 * the routes. Everything under `/console/*` is served index.html by the server.
 */
import { render } from 'preact';
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import type { OperatorDto } from '../../shared/src/contract/types';
import { AgentsProvider } from './components/AgentsProvider';
import { AppShell } from './components/AppShell';
import { EmptyState } from './components/EmptyState';
import { Link } from './components/Link';
import { AuthContext, type AuthValue } from './hooks/useAuth';
import { api, setUnauthorizedHandler, tokenStore } from './lib/api';
import { useLocation } from './hooks/useLocation';
import { BASE, matchRoute, navigate } from './lib/router';
import { connect, disconnect } from './lib/socket';
import { AgentEditPage } from './pages/AgentEditPage';
import { AgentsPage } from './pages/AgentsPage';
import { ApiKeysPage } from './pages/ApiKeysPage';
import { KnowledgePage } from './pages/KnowledgePage';
import { WebhooksPage } from './pages/WebhooksPage';
import { LoginPage } from './pages/LoginPage';
import { OperatorsPage } from './pages/OperatorsPage';
import { SessionsPage } from './pages/SessionsPage';
import { InsightsPage } from './pages/InsightsPage';

type Boot = { state: 'checking' } | { state: 'signed-out' } | { state: 'signed-in'; operator: OperatorDto };

const LOGIN = `${BASE}/login`;
const HOME = `${BASE}/sessions`;

function AdminOnly() {
  return (
    <EmptyState title="Admins only" page>
      This page is for administrators. <Link href={HOME}>Back to conversations</Link>
    </EmptyState>
  );
}

/** The page for a signed-in path. */
function Page({ path, search, operator }: { path: string; search: string; operator: OperatorDto }) {
  const admin = operator.role === 'admin';
  let m: Record<string, string> | null;
  if (matchRoute(`${BASE}/sessions`, path)) return <SessionsPage search={search} sessionId={null} />;
  if ((m = matchRoute(`${BASE}/sessions/:id`, path))) return <SessionsPage search={search} sessionId={m.id} />;
  if (matchRoute(`${BASE}/agents`, path)) return admin ? <AgentsPage /> : <AdminOnly />;
  if (matchRoute(`${BASE}/agents/new`, path)) return admin ? <AgentEditPage agentId={null} /> : <AdminOnly />;
  if ((m = matchRoute(`${BASE}/agents/:id`, path))) return admin ? <AgentEditPage key={m.id} agentId={m.id} /> : <AdminOnly />;
  if (matchRoute(`${BASE}/operators`, path)) return admin ? <OperatorsPage /> : <AdminOnly />;
  if (matchRoute(`${BASE}/api-keys`, path)) return admin ? <ApiKeysPage /> : <AdminOnly />;
  if (matchRoute(`${BASE}/insights`, path)) return <InsightsPage />;
  if (matchRoute(`${BASE}/knowledge`, path)) return admin ? <KnowledgePage /> : <AdminOnly />;
  if (matchRoute(`${BASE}/webhooks`, path)) return admin ? <WebhooksPage /> : <AdminOnly />;
  return (
    <EmptyState title="Page not found" page>
      <Link href={HOME}>Go to conversations</Link>
    </EmptyState>
  );
}

function App() {
  const { path, search } = useLocation();
  const [boot, setBoot] = useState<Boot>(() => (tokenStore.get() ? { state: 'checking' } : { state: 'signed-out' }));

  const logout = useCallback(() => {
    tokenStore.clear();
    disconnect();
    setBoot({ state: 'signed-out' });
  }, []);

  const signIn = useCallback(
    (operator: OperatorDto) => {
      const token = tokenStore.get();
      if (!token) return logout();
      connect(token, logout);
      setBoot({ state: 'signed-in', operator });
    },
    [logout],
  );

  useEffect(() => {
    setUnauthorizedHandler(logout);
    if (!tokenStore.get()) return;
    api
      .me()
      .then(({ operator }) => signIn(operator))
      .catch(() => logout());
  }, []);

  // Keep the URL in step with the sign-in state; `next` brings you back after signing in.
  useEffect(() => {
    if (boot.state === 'signed-out' && path !== LOGIN) {
      const next = path.startsWith(BASE) && path !== BASE && path !== `${BASE}/` ? `?next=${encodeURIComponent(path + search)}` : '';
      navigate(LOGIN + next, { replace: true });
    } else if (boot.state === 'signed-in' && (path === LOGIN || path === BASE || path === `${BASE}/`)) {
      const next = new URLSearchParams(search).get('next');
      navigate(next && next.startsWith(`${BASE}/`) ? next : HOME, { replace: true });
    }
  }, [boot.state, path, search]);

  const auth = useMemo<AuthValue | null>(
    () => (boot.state === 'signed-in' ? { operator: boot.operator, logout, setOperator: (operator) => setBoot({ state: 'signed-in', operator }) } : null),
    [boot, logout],
  );

  if (boot.state === 'checking') return <p class="splash muted">Loading Switchboard…</p>;
  if (!auth) return <LoginPage onLogin={signIn} />;
  return (
    <AuthContext.Provider value={auth}>
      <AgentsProvider>
        <AppShell path={path} search={search}>
          <Page path={path} search={search} operator={auth.operator} />
        </AppShell>
      </AgentsProvider>
    </AuthContext.Provider>
  );
}

const root = document.getElementById('app');
if (root) render(<App />, root);
