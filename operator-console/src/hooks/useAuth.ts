import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { OperatorDto } from '../../../shared/src/contract/types';

export interface AuthValue {
  operator: OperatorDto;
  logout: () => void;
  setOperator: (operator: OperatorDto) => void;
}

export const AuthContext = createContext<AuthValue | null>(null);

/** The signed-in operator; only used below the signed-in shell. */
export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside the signed-in shell');
  return value;
}
