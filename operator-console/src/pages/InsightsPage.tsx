import { useMemo, useState } from 'preact/hooks';
import type { InsightsChange } from '../../../shared/src/contract/types';
import { ErrorNotice } from '../components/ErrorNotice';
import { HandoffInbox } from '../components/HandoffInbox';
import { PromptSuggestions } from '../components/PromptSuggestions';
import { UPlotChart } from '../components/UPlotChart';
import { useAgents } from '../hooks/useAgents';
import { useAsync } from '../hooks/useAsync';
import { useAuth } from '../hooks/useAuth';
import { api } from '../lib/api';
import { formatTime } from '../lib/format';
import { insightsApi } from '../lib/insights-api';
import { changeMarks, percent, rateSeries, tiles, volumeSeries } from '../lib/insights-chart';

const RANGES = [7, 30, 90] as const;
const DAY_MS = 86_400_000;
const dayOf = (t: number) => new Date(t).toISOString().slice(0, 10);

function ChangesTable({ changes }: { changes: InsightsChange[] }) {
  const { byId } = useAgents();
  if (changes.length === 0) return <p class="muted">No knowledge documents added or prompt suggestions accepted in this period.</p>;
  return (
    // On a narrow screen the table scrolls sideways: focusable, so a keyboard can scroll it.
    <table class="table changes" data-testid="changes" tabIndex={0}>
      <caption class="sr-only">Changes and the handoff rate in the 7 days before and after each</caption>
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Change</th>
          <th scope="col">Handoff rate before</th>
          <th scope="col">After</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c, i) => (
          <tr key={i} data-testid="change">
            <td>{formatTime(c.at)}</td>
            <td>
              <span class="badge">{c.kind === 'knowledge' ? 'Knowledge' : 'Prompt'}</span> {c.title} <span class="muted small">({byId.get(c.agentId)?.name ?? 'agent'})</span>
            </td>
            <td data-testid="change-before">
              {percent(c.before.handoffRate)} <span class="muted small">of {c.before.conversations}</span>
            </td>
            <td data-testid="change-after">
              {percent(c.after.handoffRate)} <span class="muted small">of {c.after.conversations}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Outcomes per day, the handoffs to learn from, and the prompt suggestions waiting for an admin. */
export function InsightsPage() {
  const { agents } = useAgents();
  const { operator } = useAuth();
  const [agentId, setAgentId] = useState('');
  const [days, setDays] = useState<(typeof RANGES)[number]>(30);
  const [tick, setTick] = useState(0);
  const range = useMemo(() => ({ from: dayOf(Date.now() - (days - 1) * DAY_MS), to: dayOf(Date.now()) }), [days]);
  const query = { agentId: agentId || undefined, ...range };
  const report = useAsync(() => insightsApi.report(query), [agentId, days, tick]);
  const handoffs = useAsync(() => insightsApi.handoffs(query), [agentId, days]);
  const suggestions = useAsync(() => insightsApi.suggestions({ agentId: agentId || undefined, status: 'pending' }), [agentId, tick]);
  const kbs = useAsync(() => api.listKnowledgeBases(), []);
  const refresh = () => setTick((t) => t + 1);

  const r = report.data;
  const volume = useMemo(() => (r ? volumeSeries(r.days) : null), [r]);
  const rates = useMemo(() => (r ? rateSeries(r.days) : null), [r]);
  const marks = useMemo(() => (r ? changeMarks(r.changes) : []), [r]);

  return (
    <div class="page insights">
      <div class="page__head">
        <h1>Insights</h1>
        <div class="page__actions">
          <select class="input" aria-label="Agent" data-testid="insights-agent" value={agentId} onChange={(e) => setAgentId(e.currentTarget.value)}>
            <option value="">All agents</option>
            {agents.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
          <select class="input" aria-label="Period" data-testid="insights-range" value={String(days)} onChange={(e) => setDays(Number(e.currentTarget.value) as (typeof RANGES)[number])}>
            {RANGES.map((n) => (
              <option key={n} value={String(n)}>
                Last {n} days
              </option>
            ))}
          </select>
        </div>
      </div>
      {report.error && <ErrorNotice message={report.error} onRetry={report.reload} />}
      {r && (
        <>
          <section aria-label="Outcomes" class="stats insights__tiles">
            {tiles(r.total).map((t) => (
              <div key={t.key} class="stat" data-testid={`insight-${t.key}`}>
                <span class="stat__label">{t.label}</span>
                <span class="stat__value">{t.value}</span>
              </div>
            ))}
          </section>
          <div class="insights__charts">
            <UPlotChart
              testId="chart-volume"
              title="Conversations per day"
              summary={`${r.total.conversations} conversations from ${r.from} to ${r.to}: ${r.total.aiResolved} resolved by the AI, ${r.total.handedOff} handed off.`}
              series={[
                { label: 'Conversations', stroke: '#3b5bdb', width: 2 },
                { label: 'AI-resolved', stroke: '#1f7a4d', width: 2 },
                { label: 'Handed off', stroke: '#9a5b00', width: 2 },
              ]}
              data={volume ?? [[]]}
            />
            <UPlotChart
              testId="chart-rate"
              title="Handoff rate (dashed lines: changes)"
              summary={`Handoff rate over the period: ${percent(r.total.handoffRate)}; ${r.changes.length} changes marked.`}
              series={[{ label: 'Handoff rate %', stroke: '#c0362c', width: 2, spanGaps: false, points: { show: true, size: 7 } }]}
              data={rates ?? [[]]}
              marks={marks}
              yLabel="%"
              yRange={[0, 100]}
            />
          </div>
          <section class="card" aria-labelledby="changes-title">
            <h2 id="changes-title">What changed, and what it did</h2>
            <ChangesTable changes={r.changes} />
          </section>
        </>
      )}
      <section class="card" aria-labelledby="learn-title" data-testid="learn">
        <h2 id="learn-title">Learn from handoffs</h2>
        <p class="muted small">Conversations a person had to take, by reason. Turn an answer into a knowledge-base document or a prompt change so the AI handles the next one.</p>
        {handoffs.error && <ErrorNotice message={handoffs.error} onRetry={handoffs.reload} />}
        {handoffs.data && <HandoffInbox groups={handoffs.data} knowledgeBases={kbs.data?.knowledgeBases ?? []} onTaught={refresh} />}
      </section>
      <section class="card" aria-labelledby="suggestions-title" data-testid="suggestions">
        <h2 id="suggestions-title">Prompt suggestions</h2>
        {suggestions.data && <PromptSuggestions suggestions={suggestions.data} admin={operator.role === 'admin'} onDecided={refresh} />}
      </section>
    </div>
  );
}
