import type { SessionFilters, SessionStats } from '../../../../shared/src/contract/types';
import type { Logger } from '../../logger';
import type { OperatorNamespace } from './socket-types';

const PUSH_INTERVAL_MS = 500;

/**
 * Pushes fresh `stats` to watching operators after sessions change, at most every 500 ms,
 * computing each distinct filter set once however many operators watch it.
 */
export class StatsPusher {
  private dirty = false;
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    private readonly nsp: OperatorNamespace,
    private readonly compute: (filters: SessionFilters) => Promise<SessionStats>,
    private readonly logger: Logger,
  ) {}

  markDirty(): void {
    this.dirty = true;
    this.timer ??= setTimeout(() => void this.push(), PUSH_INTERVAL_MS);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async push(): Promise<void> {
    this.timer = null;
    if (this.running || !this.dirty) return;
    this.dirty = false;
    this.running = true;
    try {
      const groups = new Map<string, { filters: SessionFilters; ids: string[] }>();
      for (const socket of this.nsp.sockets.values()) {
        const watch = socket.data.watch;
        if (!watch) continue;
        const group = groups.get(watch.key) ?? { filters: watch.filters, ids: [] };
        group.ids.push(socket.id);
        groups.set(watch.key, group);
      }
      for (const group of groups.values()) {
        const stats = await this.compute(group.filters);
        for (const id of group.ids) this.nsp.sockets.get(id)?.emit('stats', stats);
      }
    } catch (err) {
      this.logger.warn({ err }, 'could not push stats');
    } finally {
      this.running = false;
      if (this.dirty) this.markDirty();
    }
  }
}
