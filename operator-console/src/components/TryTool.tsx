import { useState } from 'preact/hooks';
import { errorMessage, testTool, type ToolTestResult } from '../lib/api';
import { sampleArguments } from '../lib/agent-tools-form';
import { formatDuration } from '../lib/tool-calls';
import { TextField } from './Field';

function resultText(result: unknown): string {
  if (typeof result === 'string') return result;
  return JSON.stringify(result, null, 2) ?? '';
}

/** "Try it": calls a saved tool with sample arguments through the server, as the model would, and shows what came back. */
export function TryTool({ agentId, name, parametersJson, testId }: { agentId: string; name: string; parametersJson: string; testId: string }) {
  const [open, setOpen] = useState(false);
  const [args, setArgs] = useState(() => sampleArguments(parametersJson));
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<ToolTestResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async (): Promise<void> => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(args);
    } catch {
      return setError('The sample arguments are not valid JSON');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return setError('The sample arguments must be a JSON object');
    setBusy(true);
    setError(null);
    setOutcome(null);
    try {
      setOutcome(await testTool(agentId, name, parsed as Record<string, unknown>));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  if (!open) {
    return (
      <div class="try-it">
        <button type="button" class="btn btn--sm" data-testid={`${testId}-open`} onClick={() => setOpen(true)}>
          Try it…
        </button>
      </div>
    );
  }
  return (
    <div class="try-it" data-testid={testId}>
      <TextField label={`Sample arguments for ${name} (JSON)`} testId={`${testId}-args`} rows={4} value={args} onValue={setArgs} />
      <button type="button" class="btn btn--sm btn--primary" disabled={busy} data-testid={`${testId}-run`} onClick={() => void run()}>
        {busy ? 'Calling…' : 'Try it'}
      </button>
      <div role="status" class="try-it__result">
        {error && <p class="field__error" data-testid={`${testId}-error`}>{error}</p>}
        {outcome && (
          <div data-testid={`${testId}-outcome`} data-ok={String(outcome.ok)}>
            <p class="small">
              <span class={`badge ${outcome.ok ? 'badge--tool-ok' : 'badge--tool-bad'}`}>{outcome.ok ? 'OK' : 'Failed'}</span> HTTP {outcome.status ?? '—'} · {formatDuration(outcome.durationMs)}
            </p>
            <pre class="toolcall__pre" data-testid={`${testId}-result`}>
              {resultText(outcome.result)}
            </pre>
          </div>
        )}
      </div>
    </div>
  );
}
