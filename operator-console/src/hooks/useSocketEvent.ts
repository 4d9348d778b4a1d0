import { useEffect, useRef } from 'preact/hooks';
import type { OperatorServerEvents } from '../../../shared/src/events';
import { on } from '../lib/socket';

/** Listens to a server event for the component's lifetime, always calling the latest callback. */
export function useSocketEvent<E extends keyof OperatorServerEvents>(name: E, listener: OperatorServerEvents[E]): void {
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => {
    const forward = ((...args: Parameters<OperatorServerEvents[E]>) =>
      (latest.current as (...a: Parameters<OperatorServerEvents[E]>) => void)(...args)) as OperatorServerEvents[E];
    return on(name, forward);
  }, [name]);
}
