import type { OperatorStatus } from '../../../shared/src/contract/types';
import { useAuth } from '../hooks/useAuth';
import { api, errorMessage } from '../lib/api';
import { showToast } from '../lib/toasts';

/** The signed-in operator: availability (online/away), name and sign-out. */
export function UserMenu() {
  const { operator, logout, setOperator } = useAuth();
  const setStatus = async (status: OperatorStatus): Promise<void> => {
    try {
      setOperator((await api.setMyStatus(status)).operator);
    } catch (err) {
      showToast({ tone: 'error', title: 'Could not change status', body: errorMessage(err) });
    }
  };
  return (
    <div class="user">
      <select
        class={`user__status user__status--${operator.status}`}
        aria-label="Your availability"
        data-testid="my-status"
        value={operator.status}
        onChange={(e) => void setStatus(e.currentTarget.value as OperatorStatus)}
      >
        <option value="online">● Online</option>
        <option value="away">○ Away</option>
      </select>
      <span class="user__name" title={operator.email}>
        {operator.name}
      </span>
      <button type="button" class="btn btn--ghost btn--sm" data-testid="logout" onClick={logout}>
        Sign out
      </button>
    </div>
  );
}
