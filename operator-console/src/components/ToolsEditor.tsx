import type { AgentToolDto } from '../../../shared/src/contract/types';
import { emptyTool, MAX_TOOL_TIMEOUT_MS, type ToolFormValues } from '../lib/agent-tools-form';
import { Fieldset, TextField } from './Field';
import { TryTool } from './TryTool';
import { WriteOnlyField } from './WriteOnlyField';

export const MAX_TOOLS = 20;

interface Props {
  items: ToolFormValues[];
  onItems: (items: ToolFormValues[]) => void;
  /** The error for a form path (`tools.0.parameters`), if that is where the problem is. */
  error: (path: string) => string | null;
  agentId: string | null;
  /** The tools as saved: "Try it" calls the saved tool, so it is offered only for those. */
  saved: AgentToolDto[];
}

/** The agent's HTTP tools: what the model may call, where, with which secret, and whether a person approves each call. */
export function ToolsEditor({ items, onItems, error, agentId, saved }: Props) {
  const update = (i: number, patch: Partial<ToolFormValues>): void => onItems(items.map((t, j) => (j === i ? { ...t, ...patch } : t)));
  return (
    <Fieldset title="Tools">
      <p class="field__hint">
        HTTP endpoints the AI may call, e.g. to look up an order. Each request is signed with the tool's secret (the webhook scheme). A tool that needs approval waits for a person in the console.
      </p>
      {items.map((t, i) => {
        const id = `tool-${i}`;
        const isSaved = saved.some((s) => s.name === t.name);
        return (
          <div key={i} class="list-editor__item" data-testid={id} role="group" aria-label={`Tool ${t.name || i + 1}`}>
            <div class="list-editor__head">
              <h2 class="list-editor__title">{t.name || `New tool ${i + 1}`}</h2>
              <button type="button" class="btn btn--ghost btn--sm btn--danger" data-testid={`${id}-remove`} aria-label={`Remove tool ${t.name || i + 1}`} onClick={() => onItems(items.filter((_, j) => j !== i))}>
                Remove
              </button>
            </div>
            <TextField label="Name" testId={`${id}-name`} value={t.name} onValue={(x) => update(i, { name: x })} error={error(`tools.${i}.name`)} placeholder="lookup_order" hint="What the model calls it: letters, digits, _ or -." />
            <TextField label="Description" testId={`${id}-description`} rows={2} value={t.description} onValue={(x) => update(i, { description: x })} error={error(`tools.${i}.description`)} hint="When to use it — the model reads this." />
            <TextField
              label="Parameters (JSON Schema)"
              testId={`${id}-parameters`}
              rows={6}
              value={t.parametersJson}
              onValue={(x) => update(i, { parametersJson: x })}
              error={error(`tools.${i}.parameters`)}
              hint='An object schema, e.g. {"type":"object","properties":{"orderId":{"type":"string"}},"required":["orderId"]}. The model’s arguments are checked against it.'
            />
            <div class="list-editor__row">
              <TextField label="URL" testId={`${id}-url`} type="url" value={t.url} onValue={(x) => update(i, { url: x })} error={error(`tools.${i}.http.url`) ?? error(`tools.${i}.http`)} placeholder="https://api.example.com/orders/status" />
              <label class="field">
                <span class="field__label">Method</span>
                <select class="input" data-testid={`${id}-method`} value={t.method} onChange={(e) => update(i, { method: e.currentTarget.value === 'GET' ? 'GET' : 'POST' })}>
                  <option value="POST">POST (arguments as JSON body)</option>
                  <option value="GET">GET (arguments as query)</option>
                </select>
              </label>
            </div>
            <WriteOnlyField label="Secret" testId={`${id}-secret`} isSet={t.hasSecret} value={t.secret} onValue={(x) => update(i, { secret: x })} error={error(`tools.${i}.secret`)} hint="Signs each request (HMAC-SHA256 of timestamp and body) so the endpoint can check it came from here." />
            <div class="list-editor__row">
              <TextField label="Timeout (ms)" testId={`${id}-timeout`} type="number" value={t.timeoutMs} onValue={(x) => update(i, { timeoutMs: x })} error={error(`tools.${i}.timeoutMs`)} hint={`At most ${MAX_TOOL_TIMEOUT_MS}.`} />
              <label class="field">
                <span class="field__label">Approval</span>
                <select class="input" data-testid={`${id}-approval`} value={t.approval} onChange={(e) => update(i, { approval: e.currentTarget.value === 'always' ? 'always' : 'never' })}>
                  <option value="never">Runs without asking</option>
                  <option value="always">A person approves each call</option>
                </select>
              </label>
            </div>
            <TextField label="Progress label" testId={`${id}-progress`} value={t.progressLabel} onValue={(x) => update(i, { progressLabel: x })} error={error(`tools.${i}.progressLabel`)} placeholder="Checking your order…" hint="What the customer sees while it runs (optional)." />
            {agentId && isSaved ? <TryTool agentId={agentId} name={t.name} parametersJson={t.parametersJson} testId={`${id}-try`} /> : <p class="muted small">Save the agent to try this tool.</p>}
          </div>
        );
      })}
      <button type="button" class="btn btn--sm" data-testid="tool-add" disabled={items.length >= MAX_TOOLS} onClick={() => onItems([...items, emptyTool()])}>
        Add a tool
      </button>
    </Fieldset>
  );
}
