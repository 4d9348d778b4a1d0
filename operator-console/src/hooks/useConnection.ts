import { useEffect, useState } from 'preact/hooks';
import { connectionState, onConnection, type ConnectionState } from '../lib/socket';

/** The `/operator` socket's state; `epoch` grows with every successful (re)connect. */
export function useConnection(): ConnectionState {
  const [state, setState] = useState(connectionState);
  useEffect(() => onConnection(setState), []);
  return state;
}
