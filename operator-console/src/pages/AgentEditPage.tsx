import { useEffect, useState } from 'preact/hooks';
import type { AgentDto } from '../../../shared/src/contract/types';
import { AgentForm } from '../components/AgentForm';
import { CannedRepliesEditor } from '../components/CannedRepliesEditor';
import { ErrorNotice } from '../components/ErrorNotice';
import { IdentitySecretCard } from '../components/IdentitySecretCard';
import { Link } from '../components/Link';
import { useAgents } from '../hooks/useAgents';
import { useAsync } from '../hooks/useAsync';
import { formFromAgent, formToInput, type AgentFormValues, type FormField } from '../lib/agent-form';
import { formFieldOf } from '../lib/agent-tools-form';
import { SwitchboardError } from '../../../shared/src/client/switchboard-error';
import { api, errorMessage } from '../lib/api';
import { BASE, navigate } from '../lib/router';
import { showToast } from '../lib/toasts';

/** Admin: create an agent (`/agents/new`) or edit one (`/agents/:id`). */
export function AgentEditPage({ agentId }: { agentId: string | null }) {
  const agent = useAsync(() => (agentId ? api.getAgent(agentId).then((r) => r.agent) : Promise.resolve(null)), [agentId]);
  const kbs = useAsync(() => api.listKnowledgeBases().catch(() => ({ knowledgeBases: [] })));
  const { reload: reloadAgents } = useAgents();
  const [values, setValues] = useState<AgentFormValues>(formFromAgent());
  const [problem, setProblem] = useState<{ field: FormField | null; text: string } | null>(null);
  const [savedTools, setSavedTools] = useState<AgentDto['tools']>([]);
  const [busy, setBusy] = useState(false);
  const [modelIssue, setModelIssue] = useState<string | null>(null);

  useEffect(() => {
    if (agent.data) {
      setValues(formFromAgent(agent.data));
      setSavedTools(agent.data.tools ?? []);
      setModelIssue(agent.data.llm.modelIssue ?? null);
    }
  }, [agent.data]);

  const set = <K extends keyof AgentFormValues>(key: K, value: AgentFormValues[K]): void => setValues((v) => ({ ...v, [key]: value }));

  const save = async (e: Event): Promise<void> => {
    e.preventDefault();
    const result = formToInput(values);
    if (!result.ok) return setProblem({ field: result.field, text: result.message });
    setBusy(true);
    setProblem(null);
    try {
      const saved = agentId ? await api.updateAgent(agentId, result.input) : await api.createAgent(result.input);
      reloadAgents();
      showToast({ tone: 'success', title: agentId ? 'Agent saved' : `Agent “${saved.agent.name}” created` });
      // Saved, but it cannot answer yet (e.g. `openai` and no key anywhere): say so now, not at the first failed reply.
      setModelIssue(saved.agent.llm.modelIssue ?? null);
      if (saved.agent.llm.modelIssue) showToast({ tone: 'error', title: 'Model not configured', body: saved.agent.llm.modelIssue });
      if (!agentId) navigate(`${BASE}/agents/${encodeURIComponent(saved.agent.id)}`, { replace: true });
      else {
        setValues(formFromAgent(saved.agent));
        setSavedTools(saved.agent.tools ?? []);
      }
    } catch (err) {
      // The server names the field (`tools.0.parameters`): the message shows beside it, and above the form.
      setProblem({ field: err instanceof SwitchboardError && err.field ? formFieldOf(err.field) : null, text: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };

  const remove = async (): Promise<void> => {
    if (!agentId || !window.confirm(`Delete the agent “${values.name}”? Its widget stops working.`)) return;
    try {
      await api.deleteAgent(agentId);
      reloadAgents();
      showToast({ tone: 'success', title: 'Agent deleted' });
      navigate(`${BASE}/agents`);
    } catch (err) {
      setProblem({ field: null, text: errorMessage(err) });
    }
  };

  if (agent.error) return <ErrorNotice message={agent.error} onRetry={agent.reload} />;
  if (agentId && !agent.data) return <p class="muted pad">Loading agent…</p>;

  return (
    <>
      <form class="page" onSubmit={(e) => void save(e)} noValidate>
        <div class="page__head">
          <div>
            <Link href={`${BASE}/agents`} class="muted small">
              ← Agents
            </Link>
            <h1>{agentId ? values.name || 'Agent' : 'New agent'}</h1>
            {agentId && (
              <p class="muted small">
                ID <code data-testid="agent-id">{agentId}</code>
              </p>
            )}
          </div>
          <div class="page__actions">
            {agentId && (
              <button type="button" class="btn btn--danger" data-testid="agent-delete" onClick={() => void remove()}>
                Delete
              </button>
            )}
            <button type="submit" class="btn btn--primary" data-testid="agent-save" disabled={busy}>
              {busy ? 'Saving…' : agentId ? 'Save changes' : 'Create agent'}
            </button>
          </div>
        </div>
        {problem && <ErrorNotice message={problem.text} />}
        {modelIssue && !problem && (
          <p class="notice notice--warning" role="alert" data-testid="agent-model-issue">
            <strong>Model not configured.</strong> {modelIssue.replace(/^model not configured: /, '')} Every reply fails until it is.
          </p>
        )}
        <AgentForm values={values} set={set} errorField={problem?.field ?? null} errorText={problem?.text ?? null} knowledgeBases={kbs.data?.knowledgeBases ?? []} agentId={agentId} savedTools={savedTools} />
      </form>
      {agentId && <IdentitySecretCard agentId={agentId} />}
      {agentId && <CannedRepliesEditor agentId={agentId} />}
    </>
  );
}
