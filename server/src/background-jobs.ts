import type { Services } from './services';
import { operatorLeft } from './domain/support/operator-departure';

/** What these handlers use of the services. */
export type BackgroundJobsDeps = Pick<Services, 'agents' | 'approvals' | 'config' | 'eraser' | 'escalation' | 'logger' | 'operators' | 'runtime' | 'sessions'>;

/**
 * Periodic work. Every job is a conditional update, so any number of processes may run them
 * at once without doing anything twice.
 */
export function startBackgroundJobs(s: BackgroundJobsDeps): { stop(): void } {
  const dormancy = setInterval(() => {
    s.sessions.sweepDormant().then(
      (n) => n && s.logger.info({ moved: n }, 'sessions went dormant'),
      (err: unknown) => s.logger.warn({ err }, 'dormancy sweep failed'),
    );
  }, s.config.DORMANCY_SWEEP_SECONDS * 1000);
  dormancy.unref();
  const orphans = setInterval(() => {
    s.runtime.settleOrphans(s.config.STALE_STREAM_SECONDS * 1000).catch((err: unknown) => s.logger.warn({ err }, 'orphan sweep failed'));
  }, Math.max(1_000, (s.config.STALE_STREAM_SECONDS * 1000) / 4));
  orphans.unref();
  const ladder = setInterval(() => {
    s.escalation.sweep().catch((err: unknown) => s.logger.warn({ err }, 'escalation ladder check failed'));
  }, s.config.ESCALATION_CHECK_SECONDS * 1000);
  ladder.unref();
  const tools = setInterval(() => {
    s.approvals.sweep().then(
      (n) => n && s.logger.info({ settled: n }, 'tool calls settled (approval timed out, or left running by a stopped process)'),
      (err: unknown) => s.logger.warn({ err }, 'tool call sweep failed'),
    );
  }, s.config.TOOL_SWEEP_SECONDS * 1000);
  tools.unref();
  const presence = setInterval(() => void sweepLapsedPresence(s), Math.max(1_000, (s.config.OPERATOR_PRESENCE_SECONDS * 1000) / 3));
  presence.unref();
  const retention = s.config.RETENTION_DAYS > 0 ? setInterval(() => void sweepRetention(s), s.config.RETENTION_SWEEP_SECONDS * 1000) : undefined;
  retention?.unref();
  return {
    stop: () => {
      clearInterval(dormancy);
      clearInterval(orphans);
      clearInterval(ladder);
      clearInterval(tools);
      clearInterval(presence);
      clearInterval(retention);
    },
  };
}

/** Operators whose consoles stopped renewing their presence: announced gone, their waiting customers back in the inbox. */
async function sweepLapsedPresence(s: BackgroundJobsDeps): Promise<void> {
  try {
    for (const operator of await s.operators.sweepLapsedPresence()) {
      await operatorLeft(s, operator, 'console_stopped');
    }
  } catch (err) {
    s.logger.warn({ err }, 'presence sweep failed');
  }
}

/** Erases, batch after batch, the sessions older than RETENTION_DAYS (safe in every process at once). */
async function sweepRetention(s: BackgroundJobsDeps): Promise<void> {
  const cutoff = new Date(Date.now() - s.config.RETENTION_DAYS * 86_400_000);
  try {
    for (;;) {
      const { sessions } = await s.eraser.eraseInactiveSince(cutoff);
      if (sessions === 0) return;
    }
  } catch (err) {
    s.logger.warn({ err }, 'retention sweep failed');
  }
}
