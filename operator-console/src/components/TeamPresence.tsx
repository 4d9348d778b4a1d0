import { useAuth } from '../hooks/useAuth';
import { useOperators } from '../hooks/useOperators';

/** Who on the team is online, live (`operators:status`); your own switch is in the user menu. */
export function TeamPresence() {
  const { operator } = useAuth();
  const operators = useOperators();
  const online = operators.filter((o) => o.status === 'online').length;
  return (
    <div class="team" data-testid="team-presence">
      <span class="muted small">
        Team · {online} online
      </span>
      <ul class="team__list" aria-label={`Team: ${online} online`}>
        {operators.map((o) => (
          <li key={o.id} class={`team__member is-${o.status}`} data-testid="team-member" data-status={o.status} title={`${o.name} is ${o.status}`}>
            <span class="dot" aria-hidden="true" /> {o.id === operator.id ? `${o.name} (you)` : o.name}
            <span class="visually-hidden"> ({o.status})</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
