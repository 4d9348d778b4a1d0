import type { SessionFilters, SessionStats } from '../../../shared/src/dto';
import { BASE } from '../lib/router';
import { filtersToQuery } from '../lib/session-filters';
import { Link } from './Link';

type CardKey = 'total' | 'active' | 'closed' | 'dormant' | 'help' | 'awaiting' | 'approval';

const CARDS: { key: CardKey; label: string; apply: (f: SessionFilters) => SessionFilters }[] = [
  { key: 'total', label: 'Total', apply: ({ status: _s, helpRequested: _h, awaitingReply: _a, order: _o, approvalPending: _p, ...rest }) => rest },
  { key: 'active', label: 'Active', apply: (f) => ({ ...f, status: 'active' }) },
  { key: 'closed', label: 'Closed', apply: (f) => ({ ...f, status: 'closed' }) },
  { key: 'dormant', label: 'Dormant', apply: (f) => ({ ...f, status: 'dormant' }) },
  { key: 'help', label: 'Help requested', apply: (f) => ({ ...f, helpRequested: true, order: 'waiting' }) },
  { key: 'awaiting', label: 'Awaiting reply', apply: (f) => ({ ...f, awaitingReply: true }) },
  { key: 'approval', label: 'Approval needed', apply: (f) => ({ ...f, approvalPending: true }) },
];

function value(stats: SessionStats, key: CardKey): number {
  if (key === 'help') return stats.helpRequested;
  if (key === 'approval') return stats.approvalPending ?? 0;
  return key === 'awaiting' ? stats.awaitingReply : stats[key];
}

/** The log's counts for the current filters (live from `stats`); each card narrows the view. */
export function StatCards({ stats, filters }: { stats: SessionStats | null; filters: SessionFilters }) {
  return (
    <div class="stats">
      {CARDS.map((card) => (
        <Link key={card.key} href={`${BASE}/sessions${filtersToQuery(card.apply(filters))}`} class={`stat stat--${card.key} ${stats && value(stats, card.key) > 0 ? 'has-value' : ''}`}>
          <span class="stat__label">{card.label}</span>
          <span class="stat__value" data-testid={`stat-${card.key}`}>
            {stats ? value(stats, card.key) : '–'}
          </span>
        </Link>
      ))}
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
