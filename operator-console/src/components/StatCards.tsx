import type { SessionFacets, SessionFilters, SessionStats } from '../../../shared/src/contract/types';
import { BASE, navigate } from '../lib/router';
import { filtersToQuery } from '../lib/session-filters';

type CardKey = 'total' | 'active' | 'closed' | 'dormant' | 'help' | 'awaiting' | 'approval';

const withoutCards = ({ status: _s, helpRequested: _h, awaitingReply: _a, order: _o, approvalPending: _p, ...rest }: SessionFilters): SessionFilters => rest;

const CARDS: { key: CardKey; label: string; apply: (f: SessionFilters) => SessionFilters; selected: (f: SessionFilters) => boolean }[] = [
  { key: 'total', label: 'Total', apply: withoutCards, selected: (f) => !f.status && f.helpRequested === undefined && f.awaitingReply === undefined && f.approvalPending === undefined },
  { key: 'active', label: 'Active', apply: (f) => ({ ...f, status: 'active' }), selected: (f) => f.status === 'active' },
  { key: 'closed', label: 'Closed', apply: (f) => ({ ...f, status: 'closed' }), selected: (f) => f.status === 'closed' },
  { key: 'dormant', label: 'Dormant', apply: (f) => ({ ...f, status: 'dormant' }), selected: (f) => f.status === 'dormant' },
  { key: 'help', label: 'Help requested', apply: (f) => ({ ...f, helpRequested: true, order: 'waiting' }), selected: (f) => f.helpRequested === true },
  { key: 'awaiting', label: 'Awaiting reply', apply: (f) => ({ ...f, awaitingReply: true }), selected: (f) => f.awaitingReply === true },
  { key: 'approval', label: 'Approval needed', apply: (f) => ({ ...f, approvalPending: true }), selected: (f) => f.approvalPending === true },
];

/** A card's count: from the facets (each counted outside its own filter) when the server sends them. */
function value(stats: SessionStats, key: CardKey): number {
  const counts: SessionFacets = stats.facets ?? stats;
  if (key === 'help') return counts.helpRequested;
  if (key === 'approval') return counts.approvalPending ?? 0;
  return key === 'awaiting' ? counts.awaitingReply : counts[key];
}

/**
 * The log's counts for the current filters (live from `stats`). Each card is a button that
 * narrows the view to it (pressed while its filter is on; pressed again, it lifts the filter).
 */
export function StatCards({ stats, filters }: { stats: SessionStats | null; filters: SessionFilters }) {
  return (
    <div class="stats">
      {CARDS.map((card) => {
        const pressed = card.selected(filters);
        const target = pressed && card.key !== 'total' ? withoutCards(filters) : card.apply(filters);
        return (
          <button
            key={card.key}
            type="button"
            aria-pressed={pressed}
            data-testid={`stat-card-${card.key}`}
            onClick={() => navigate(`${BASE}/sessions${filtersToQuery(target)}`, { replace: true })}
            class={`stat stat--button stat--${card.key} ${stats && value(stats, card.key) > 0 ? 'has-value' : ''} ${pressed ? 'is-selected' : ''}`}
          >
            <span class="stat__label">{card.label}</span>
            <span class="stat__value" data-testid={`stat-${card.key}`}>
              {stats ? value(stats, card.key) : '–'}
            </span>
          </button>
        );
      })}
      <div class="stat stat--csat" title={stats?.csatCount ? `${stats.csatCount} rated sessions` : 'No ratings yet'}>
        <span class="stat__label">CSAT</span>
        <span class="stat__value" data-testid="stat-csat">
          {stats?.csatAverage != null ? `${stats.csatAverage.toFixed(1)}★` : '–'}
        </span>
        <span class="muted small" data-testid="stat-csat-count">
          {stats ? `${stats.csatCount} rated` : ''}
        </span>
      </div>
    </div>
  );
}
