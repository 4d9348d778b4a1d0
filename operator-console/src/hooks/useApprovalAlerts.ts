import { useRef } from 'preact/hooks';
import type { SessionDto } from '../../../shared/src/contract/types';
import { raiseAlert } from '../lib/alerts';
import { isNewApprovalRequest } from '../lib/approval-alerts';
import { APPROVAL_INBOX_QUERY } from '../lib/session-filters';
import { BASE, navigate } from '../lib/router';
import { HELP_TOAST_LIFETIME_MS } from '../lib/toasts';
import { useAgents } from './useAgents';
import { useSocketEvent } from './useSocketEvent';

/** Raises a toast (and, if switched on, a beep and a desktop notification) when an AI action starts waiting for approval. */
export function useApprovalAlerts(): void {
  const since = useRef(Date.now());
  const known = useRef(new Map<string, boolean>());
  const { byId } = useAgents();

  const check = (session: SessionDto): void => {
    const news = isNewApprovalRequest(session, since.current, known.current);
    known.current.set(session.id, session.approvalPending);
    if (!news) return;
    const open = (): void => navigate(`${BASE}/sessions/${encodeURIComponent(session.id)}${APPROVAL_INBOX_QUERY}`);
    const agent = byId.get(session.agentId)?.name ?? 'an agent';
    raiseAlert({
      title: `Approval needed for ${session.customerId}`,
      desktopTitle: 'Approval needed',
      body: `${agent} wants to run an action that needs a person's approval.`,
      open,
      tag: 'switchboard-approval',
      lifetimeMs: HELP_TOAST_LIFETIME_MS,
    });
  };
  useSocketEvent('session:created', check);
  useSocketEvent('session:updated', check);
}
