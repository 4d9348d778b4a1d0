import type { ComponentChildren } from 'preact';
import { useMemo } from 'preact/hooks';
import { AgentsContext } from '../hooks/useAgents';
import { useAsync } from '../hooks/useAsync';
import { api } from '../lib/api';

/** Loads the agents once for the signed-in console (names in the log, filter options). */
export function AgentsProvider({ children }: { children: ComponentChildren }) {
  const { data, reload } = useAsync(() => api.listAgents());
  const value = useMemo(() => {
    const agents = data?.agents ?? [];
    return { agents, byId: new Map(agents.map((a) => [a.id, a])), reload };
  }, [data, reload]);
  return <AgentsContext.Provider value={value}>{children}</AgentsContext.Provider>;
}
