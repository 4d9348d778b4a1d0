import { useEffect, useState } from 'preact/hooks';
import { connectionState, onConnection, type ConnectionState } from '../lib/socket';

/** The `/operator` socket's state; `epoch` grows with every successful (re)connect. */
export function useConnection(): ConnectionState {
  const [state, setState] = useState(connectionState);
  useEffect(() => {
    const unsubscribe = onConnection(setState);
    // Effects run after the first render: a connect that landed in between was missed, so
    // catch up with the current state (it stayed "connecting" forever when the server was quick).
    setState(connectionState());
    return unsubscribe;
  }, []);
  return state;
}
