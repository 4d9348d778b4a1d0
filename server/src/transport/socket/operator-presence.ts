import type { Logger } from '../../logger';
import type { OperatorService } from '../../domain/operators/operator.service';
import type { OperatorNamespace } from './socket-types';

/**
 * Keeps operators with a console open in this process marked present: at once when one
 * connects, then every third of the window. A console that closes (or a process that dies)
 * simply stops renewing it, so presence runs out by itself within `windowMs`, whichever
 * process the operator was on.
 */
export function startOperatorPresence(nsp: OperatorNamespace, operators: OperatorService, windowMs: number, logger: Logger): () => void {
  const mark = (ids: string[]) =>
    operators.markPresent(ids, new Date(Date.now() + windowMs)).catch((err: unknown) => logger.warn({ err }, 'could not record operator presence'));
  nsp.on('connection', (socket) => void mark([socket.data.operatorId as string]));
  const timer = setInterval(() => {
    const ids = new Set<string>();
    for (const socket of nsp.sockets.values()) ids.add(socket.data.operatorId as string);
    void mark([...ids]);
  }, Math.max(1_000, windowMs / 3));
  timer.unref();
  return () => clearInterval(timer);
}
