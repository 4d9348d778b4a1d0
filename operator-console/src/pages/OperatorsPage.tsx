import { useState } from 'preact/hooks';
import type { OperatorRole } from '../../../shared/src/contract/types';
import { ErrorNotice } from '../components/ErrorNotice';
import { TextField } from '../components/Field';
import { useAsync } from '../hooks/useAsync';
import { useAuth } from '../hooks/useAuth';
import { api, errorMessage } from '../lib/api';
import { formatTime } from '../lib/format';
import { showToast } from '../lib/toasts';

const EMPTY = { email: '', name: '', password: '', role: 'operator' as OperatorRole };

/** Admin: the staff accounts; add and remove. */
export function OperatorsPage() {
  const { operator: me } = useAuth();
  const list = useAsync(() => api.listOperators());
  const [form, setForm] = useState(EMPTY);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const add = async (e: Event): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { operator } = await api.createOperator({ ...form, email: form.email.trim(), name: form.name.trim() });
      showToast({ tone: 'success', title: `${operator.name} can now sign in` });
      setForm(EMPTY);
      list.reload();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const remove = async (id: string, name: string): Promise<void> => {
    if (!window.confirm(`Remove ${name}? They are signed out and can no longer sign in.`)) return;
    try {
      await api.deleteOperator(id);
      list.reload();
    } catch (err) {
      showToast({ tone: 'error', title: 'Could not remove', body: errorMessage(err) });
    }
  };

  return (
    <div class="page">
      <div class="page__head">
        <h1>Operators</h1>
      </div>
      <form class="card inline-form" onSubmit={(e) => void add(e)}>
        <TextField label="Name" testId="operator-name" required value={form.name} onValue={(name) => setForm({ ...form, name })} />
        <TextField label="Email" testId="operator-email" type="email" required value={form.email} onValue={(email) => setForm({ ...form, email })} />
        <TextField label="Password" testId="operator-password" type="password" required value={form.password} onValue={(password) => setForm({ ...form, password })} hint="At least 8 characters." />
        <label class="field">
          <span class="field__label">Role</span>
          <select class="input" data-testid="operator-role" value={form.role} onChange={(e) => setForm({ ...form, role: e.currentTarget.value as OperatorRole })}>
            <option value="operator">Operator</option>
            <option value="admin">Admin</option>
          </select>
        </label>
        <button type="submit" class="btn btn--primary" data-testid="operator-add" disabled={busy}>
          Add operator
        </button>
      </form>
      {error && <ErrorNotice message={error} />}
      {list.error && <ErrorNotice message={list.error} onRetry={list.reload} />}
      {list.data && (
        <table class="table" data-testid="operators-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Email</th>
              <th>Role</th>
              <th>Status</th>
              <th>Added</th>
              <th>
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.data.operators.map((o) => (
              <tr key={o.id} data-testid="operator-row">
                <td>{o.name}</td>
                <td>{o.email}</td>
                <td>{o.role}</td>
                <td>
                  <span class={`dot dot--${o.status}`} /> {o.status}
                </td>
                <td>{formatTime(o.createdAt)}</td>
                <td class="table__actions">
                  {o.id !== me.id && (
                    <button type="button" class="btn btn--ghost btn--sm" data-testid="operator-remove" onClick={() => void remove(o.id, o.name)}>
                      Remove
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
