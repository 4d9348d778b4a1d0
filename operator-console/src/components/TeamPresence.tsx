import { useState } from 'preact/hooks';
import type { OperatorStatus } from '../../../shared/src/dto';
import { useAuth } from '../hooks/useAuth';
import { useOperators } from '../hooks/useOperators';
import { api } from '../lib/api';

/** Who on the team is online, live; and this operator's own online/away switch. */
export function TeamPresence() {
  const { operator } = useAuth();
  const operators = useOperators();
  const [busy, setBusy] = useState(false);
  const me = operators.find((o) => o.id === operator.id) ?? operator;
  const setStatus = async (status: OperatorStatus): Promise<void> => {
    setBusy(true);
    await api.setMyStatus(status).catch(() => undefined);
    setBusy(false);
  };
  const online = operators.filter((o) => o.status === 'online');
  return (
    <div class="team" data-testid="team-presence" aria-label="Team presence">
      <label class="team__me">
        <span class="muted small">You are</span>
        <select class="input input--sm" data-testid="my-status" value={me.status} disabled={busy} onChange={(e) => void setStatus(e.currentTarget.value as OperatorStatus)}>
          <option value="online">Online</option>
          <option value="away">Away</option>
        </select>
      </label>
      <ul class="team__list" aria-label={`${online.length} online`}>
        {operators.map((o) => (
          <li key={o.id} class={`team__member is-${o.status}`} data-testid="team-member" data-status={o.status} title={`${o.name} is ${o.status}`}>
            <span class="dot" aria-hidden="true" /> {o.id === operator.id ? `${o.name} (you)` : o.name}
          </li>
        ))}
      </ul>
    </div>
  );
}
