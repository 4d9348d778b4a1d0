import { EmptyState } from '../components/EmptyState';
import { ErrorNotice } from '../components/ErrorNotice';
import { Link } from '../components/Link';
import { useAsync } from '../hooks/useAsync';
import { api } from '../lib/api';
import { BASE } from '../lib/router';

const COMMANDS = ['whisper', 'tell', 'takeover'] as const;

/** Admin: every agent with its model and enabled support commands. */
export function AgentsPage() {
  const { data, error, loading, reload } = useAsync(() => api.listAgents());
  return (
    <div class="page">
      <div class="page__head">
        <h1>Agents</h1>
        <Link href={`${BASE}/agents/new`} class="btn btn--primary" data-testid="agent-new">
          New agent
        </Link>
      </div>
      {error && <ErrorNotice message={error} onRetry={reload} />}
      {loading && !data && <p class="muted">Loading…</p>}
      {data && data.agents.length === 0 && <EmptyState title="No agents yet">Create one to embed the widget or start sessions over the API.</EmptyState>}
      {data && data.agents.length > 0 && (
        <table class="table" data-testid="agents-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Model</th>
              <th>Support commands</th>
              <th>ID</th>
            </tr>
          </thead>
          <tbody>
            {data.agents.map((a) => (
              <tr key={a.id} data-testid="agent-row">
                <td>
                  <Link href={`${BASE}/agents/${encodeURIComponent(a.id)}`}>{a.name}</Link>
                </td>
                <td>
                  {a.llm.provider} · {a.llm.model}
                  {a.llm.modelIssue && (
                    <span class="badge badge--help" data-testid="model-not-configured" title={a.llm.modelIssue}>
                      Model not configured
                    </span>
                  )}
                </td>
                <td>{COMMANDS.filter((c) => a.supportCommands[c]).join(', ') || 'none'}</td>
                <td>
                  <code>{a.id}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
