import { useState } from 'preact/hooks';
import type { McpServerDto } from '../../../shared/src/contract/types';
import { errorMessage, refreshMcpServers } from '../lib/api';
import { emptyMcpServer, type McpFormValues } from '../lib/agent-tools-form';
import { formatTime } from '../lib/format';
import { Fieldset, TextField } from './Field';
import { WriteOnlyField } from './WriteOnlyField';

interface Props {
  items: McpFormValues[];
  onItems: (items: McpFormValues[]) => void;
  error: (path: string) => string | null;
  agentId: string | null;
}

function Listed({ m }: { m: McpFormValues }) {
  if (m.listError) return <p class="field__error" data-testid="mcp-list-error">Could not list its tools: {m.listError}</p>;
  if (!m.listedAt) return <p class="muted small">Its tools are listed when the agent is saved.</p>;
  return (
    <>
      <p class="muted small">
        {m.listed.length} tool{m.listed.length === 1 ? '' : 's'} listed at {formatTime(m.listedAt)}
      </p>
      <ul class="mcp-tools" data-testid="mcp-tools">
        {m.listed.map((t) => (
          <li key={t.name}>
            <code>{t.name}</code> {t.description && <span class="muted">— {t.description}</span>}
          </li>
        ))}
      </ul>
    </>
  );
}

/** The agent's MCP servers (streamable HTTP): their tools are offered to the model, filtered by the allowed list. */
export function McpServersEditor({ items, onItems, error, agentId }: Props) {
  const [busy, setBusy] = useState(false);
  const [refreshError, setRefreshError] = useState<string | null>(null);
  const update = (i: number, patch: Partial<McpFormValues>): void => onItems(items.map((m, j) => (j === i ? { ...m, ...patch } : m)));

  const refresh = async (): Promise<void> => {
    if (!agentId) return;
    setBusy(true);
    setRefreshError(null);
    try {
      const answer = await refreshMcpServers(agentId);
      const servers: McpServerDto[] = answer.agent?.mcpServers ?? answer.mcpServers ?? [];
      onItems(items.map((m) => {
        const fresh = servers.find((s) => s.name === m.name);
        return fresh ? { ...m, listed: fresh.tools, listedAt: fresh.listedAt, listError: fresh.error } : m;
      }));
    } catch (err) {
      setRefreshError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Fieldset title="MCP servers">
      <p class="field__hint">Model Context Protocol servers (streamable HTTP). A server that is down costs a reply its tools, never the reply.</p>
      {items.map((m, i) => {
        const id = `mcp-${i}`;
        return (
          <div key={i} class="list-editor__item" data-testid={id} role="group" aria-label={`MCP server ${m.name || i + 1}`}>
            <div class="list-editor__head">
              <h2 class="list-editor__title">{m.name || `New server ${i + 1}`}</h2>
              <button type="button" class="btn btn--ghost btn--sm btn--danger" data-testid={`${id}-remove`} aria-label={`Remove MCP server ${m.name || i + 1}`} onClick={() => onItems(items.filter((_, j) => j !== i))}>
                Remove
              </button>
            </div>
            <TextField label="Name" testId={`${id}-name`} value={m.name} onValue={(x) => update(i, { name: x })} error={error(`mcpServers.${i}.name`)} />
            <TextField label="URL" testId={`${id}-url`} type="url" value={m.url} onValue={(x) => update(i, { url: x })} error={error(`mcpServers.${i}.url`)} placeholder="https://mcp.example.com/mcp" />
            <WriteOnlyField label="Headers (JSON)" testId={`${id}-headers`} rows={2} isSet={m.hasHeaders} value={m.headersJson} onValue={(x) => update(i, { headersJson: x })} error={error(`mcpServers.${i}.headers`)} placeholder='{"Authorization": "Bearer …"}' hint="Sent with every request to this server, e.g. an Authorization header." />
            <TextField label="Allowed tools" testId={`${id}-allowed`} value={m.allowedTools} onValue={(x) => update(i, { allowedTools: x })} error={error(`mcpServers.${i}.allowedTools`)} hint="Comma-separated; blank offers every tool it lists." />
            <label class="field">
              <span class="field__label">Approval</span>
              <select class="input" data-testid={`${id}-approval`} value={m.approval} onChange={(e) => update(i, { approval: e.currentTarget.value === 'always' ? 'always' : 'never' })}>
                <option value="never">Runs without asking</option>
                <option value="always">A person approves each call</option>
              </select>
            </label>
            <Listed m={m} />
          </div>
        );
      })}
      <div class="list-editor__actions">
        <button type="button" class="btn btn--sm" data-testid="mcp-add" onClick={() => onItems([...items, emptyMcpServer()])}>
          Add an MCP server
        </button>{' '}
        {agentId && items.length > 0 && (
          <button type="button" class="btn btn--sm" data-testid="mcp-refresh" disabled={busy} onClick={() => void refresh()}>
            {busy ? 'Listing…' : 'Refresh tools'}
          </button>
        )}
      </div>
      {refreshError && <p class="field__error" role="alert">{refreshError}</p>}
    </Fieldset>
  );
}
