import type { RefObject } from 'preact';
import type { SessionFilters, SessionMode, SessionStatus } from '../../../shared/src/contract/types';
import { useAgents } from '../hooks/useAgents';
import { useAuth } from '../hooks/useAuth';
import { hasFilters } from '../lib/session-filters';
import { DebouncedSearch } from './DebouncedSearch';

interface Props {
  filters: SessionFilters;
  onChange: (filters: SessionFilters) => void;
  customerRef: RefObject<HTMLInputElement | null>;
}

/** Channels offered in the filter; an integrator's own name (in the URL, `?channel=`) is added when chosen. */
const COMMON_CHANNELS = ['web', 'api', 'sms', 'whatsapp', 'email'];

function pick<K extends keyof SessionFilters>(filters: SessionFilters, key: K, value: SessionFilters[K] | ''): SessionFilters {
  const next = { ...filters };
  if (value === '' || value === undefined) delete next[key];
  else next[key] = value;
  return next;
}

/** Agent, status, mode, assignee, customer ID, help-requested, approval and captured-details filters; the URL holds them. */
export function FiltersBar({ filters, onChange, customerRef }: Props) {
  const { agents } = useAgents();
  const { operator } = useAuth();
  return (
    <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
      <DebouncedSearch
        inputRef={customerRef}
        class="filters__customer"
        placeholder="Customer ID (press /)"
        label="Customer ID"
        testId="filter-customer"
        value={filters.customerIdPrefix ?? ''}
        onCommit={(value) => onChange(pick(filters, 'customerIdPrefix', value))}
      />
      <DebouncedSearch
        class="filters__text"
        placeholder="Words said in the chat"
        label="Search messages"
        testId="filter-text"
        value={filters.q ?? ''}
        onCommit={(value) => onChange(pick(filters, 'q', value))}
      />
      <select class="input" aria-label="Agent" data-testid="filter-agent" value={filters.agentId ?? ''} onChange={(e) => onChange(pick(filters, 'agentId', e.currentTarget.value))}>
        <option value="">All agents</option>
        {agents.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name}
          </option>
        ))}
      </select>
      <select class="input" aria-label="Status" data-testid="filter-status" value={filters.status ?? ''} onChange={(e) => onChange(pick(filters, 'status', e.currentTarget.value as SessionStatus | ''))}>
        <option value="">Any status</option>
        <option value="active">Active</option>
        <option value="dormant">Dormant</option>
        <option value="closed">Closed</option>
      </select>
      <select class="input" aria-label="Mode" data-testid="filter-mode" value={filters.mode ?? ''} onChange={(e) => onChange(pick(filters, 'mode', e.currentTarget.value as SessionMode | ''))}>
        <option value="">AI or human</option>
        <option value="ai">AI answering</option>
        <option value="support">Human (taken over)</option>
      </select>
      <select class="input" aria-label="Assigned to" data-testid="filter-assigned" value={filters.assignedTo ?? ''} onChange={(e) => onChange(pick(filters, 'assignedTo', e.currentTarget.value))}>
        <option value="">Anyone</option>
        <option value={operator.id}>Assigned to me</option>
        <option value="none">Unassigned</option>
      </select>
      <label class="check">
        <input type="checkbox" data-testid="filter-help" checked={filters.helpRequested === true} onChange={(e) => onChange(pick(filters, 'helpRequested', e.currentTarget.checked ? true : ''))} />
        Help requested
      </label>
      <select class="input" aria-label="Order" data-testid="filter-order" value={filters.order ?? ''} onChange={(e) => onChange(pick(filters, 'order', e.currentTarget.value === 'waiting' ? 'waiting' : ''))}>
        <option value="">Newest activity first</option>
        <option value="waiting">Help requests, longest waiting first</option>
      </select>
      <label class="check">
        <input type="checkbox" data-testid="filter-awaiting" checked={filters.awaitingReply === true} onChange={(e) => onChange(pick(filters, 'awaitingReply', e.currentTarget.checked ? true : ''))} />
        Awaiting reply
      </label>
      <label class="check">
        <input type="checkbox" data-testid="filter-approval" checked={filters.approvalPending === true} onChange={(e) => onChange(pick(filters, 'approvalPending', e.currentTarget.checked ? true : ''))} />
        Approval needed
      </label>
      <select
        class="input"
        aria-label="Captured details"
        data-testid="filter-fields"
        value={filters.fieldsComplete === undefined ? '' : String(filters.fieldsComplete)}
        onChange={(e) => onChange(pick(filters, 'fieldsComplete', e.currentTarget.value === '' ? '' : e.currentTarget.value === 'true'))}
      >
        <option value="">Any captured details</option>
        <option value="true">Details complete</option>
        <option value="false">Details missing</option>
      </select>
      <select class="input" aria-label="Channel" data-testid="filter-channel" value={filters.channel ?? ''} onChange={(e) => onChange(pick(filters, 'channel', e.currentTarget.value))}>
        <option value="">Any channel</option>
        {[...new Set([...COMMON_CHANNELS, ...(filters.channel ? [filters.channel] : [])])].map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
      {hasFilters(filters) && (
        <button type="button" class="btn btn--ghost btn--sm" data-testid="filter-clear" onClick={() => onChange({})}>
          Clear
        </button>
      )}
    </form>
  );
}
