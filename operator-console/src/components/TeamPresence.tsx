import type { OperatorDto } from '../../../shared/src/contract/types';
import { useAuth } from '../hooks/useAuth';
import { useOperators } from '../hooks/useOperators';

/** What a teammate is to the help inbox: online (and with a console open), away by choice, or offline. */
const availability = (o: OperatorDto): 'online' | 'away' | 'offline' => (!o.present ? 'offline' : o.status);

/** Who on the team is online, live (`operators:status`); your own switch is in the user menu. */
export function TeamPresence() {
  const { operator } = useAuth();
  const operators = useOperators();
  const online = operators.filter((o) => availability(o) === 'online').length;
  return (
    <div class="team" data-testid="team-presence">
      <span class="muted small">
        Team · {online} online
      </span>
      <ul class="team__list" aria-label={`Team: ${online} online`}>
        {operators.map((o) => (
          <li key={o.id} class={`team__member is-${availability(o)}`} data-testid="team-member" data-status={o.status} data-present={String(o.present)} title={`${o.name} is ${availability(o)}`}>
            <span class="dot" aria-hidden="true" /> {o.id === operator.id ? `${o.name} (you)` : o.name}
            <span class="visually-hidden"> ({availability(o)})</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
