import { useRef } from 'preact/hooks';
import type { SessionDto } from '../../../shared/src/contract/types';
import { raiseAlert } from '../lib/alerts';
import { helpAlertKey } from '../lib/help-alerts';
import { navigate, BASE } from '../lib/router';
import { HELP_TOAST_LIFETIME_MS } from '../lib/toasts';
import { useAgents } from './useAgents';
import { useSocketEvent } from './useSocketEvent';

/** Raises a toast (and, if switched on, a beep and a desktop notification) for each new help request. */
export function useHelpAlerts(): void {
  const since = useRef(Date.now());
  const alerted = useRef(new Set<string>());
  const { byId } = useAgents();

  const check = (session: SessionDto): void => {
    const key = helpAlertKey(session, since.current, alerted.current);
    if (!key) return;
    alerted.current.add(key);
    // A help request raised for an approval: the approval alert (useApprovalAlerts) says it more precisely.
    if (session.approvalPending) return;
    const open = (): void => navigate(`${BASE}/sessions/${encodeURIComponent(session.id)}?helpRequested=true&order=waiting`);
    const agent = byId.get(session.agentId)?.name ?? 'an agent';
    const body = session.helpReason ? `“${session.helpReason}”` : `Customer ${session.customerId} on ${agent}`;
    raiseAlert({ title: `Help requested by ${session.customerId}`, desktopTitle: 'Help requested', body, open, tag: 'switchboard-help', lifetimeMs: HELP_TOAST_LIFETIME_MS });
  };
  useSocketEvent('session:created', check);
  useSocketEvent('session:updated', check);
}
