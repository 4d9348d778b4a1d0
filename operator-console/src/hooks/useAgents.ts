import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { AgentDto } from '../../../shared/src/contract/types';

export interface AgentsValue {
  agents: AgentDto[];
  byId: Map<string, AgentDto>;
  reload: () => void;
}

export const AgentsContext = createContext<AgentsValue>({ agents: [], byId: new Map(), reload: () => undefined });

/** The agents, loaded once by the shell (names for the list, the filter's options). */
export function useAgents(): AgentsValue {
  return useContext(AgentsContext);
}
