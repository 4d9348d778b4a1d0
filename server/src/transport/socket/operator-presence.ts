import type { OperatorDto } from '../../../../shared/src/contract/types';
import type { Logger } from '../../logger';
import type { OperatorService } from '../../domain/operators/operator.service';
import { operatorRoom, type OperatorNamespace } from './socket-types';

/** Long enough for a reload or a reconnect to another process not to show the operator leaving. */
const DEPARTURE_GRACE_MS = 5_000;

/**
 * Keeps operators with a console open in this process marked present: at once when one
 * connects, then every third of the window. When an operator's last console anywhere closes,
 * they are marked absent after a short grace (and `onLeft` runs, in one process only). A
 * process that dies simply stops renewing: presence runs out within `windowMs`, and the
 * background jobs' presence sweep handles that departure.
 */
export function startOperatorPresence(
  nsp: OperatorNamespace,
  operators: OperatorService,
  windowMs: number,
  logger: Logger,
  onLeft: (operator: OperatorDto) => Promise<unknown> = async () => undefined,
): () => void {
  const mark = (ids: string[]) =>
    operators.markPresent(ids, new Date(Date.now() + windowMs)).catch((err: unknown) => logger.warn({ err }, 'could not record operator presence'));
  const departures = new Set<NodeJS.Timeout>();
  const grace = Math.min(DEPARTURE_GRACE_MS, windowMs / 4);
  let stopped = false;

  const checkGone = async (operatorId: string) => {
    // Across every process (the Redis adapter asks the others): a console elsewhere keeps them present.
    const left = await nsp.in(operatorRoom(operatorId)).fetchSockets();
    const gone = left.length === 0 ? await operators.markAbsent(operatorId) : null;
    if (gone) await onLeft(gone);
  };

  nsp.on('connection', (socket) => {
    const operatorId = socket.data.operatorId;
    void socket.join(operatorRoom(operatorId));
    void mark([operatorId]);
    socket.on('disconnect', () => {
      // A process shutting down hands its consoles over to the others: they have not left.
      if (stopped) return;
      const timer = setTimeout(() => {
        departures.delete(timer);
        // Unanswered or failed: the window runs out by itself.
        checkGone(operatorId).catch((err: unknown) => logger.debug({ err, operatorId }, 'could not check whether the operator left'));
      }, grace);
      timer.unref();
      departures.add(timer);
    });
  });
  const timer = setInterval(() => {
    const ids = new Set<string>();
    for (const socket of nsp.sockets.values()) ids.add(socket.data.operatorId);
    void mark([...ids]);
  }, Math.max(1_000, windowMs / 3));
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
    for (const pending of departures) clearTimeout(pending);
    departures.clear();
  };
}
