import { useRef } from 'preact/hooks';
import type { SessionDto } from '../../../shared/src/contract/types';
import { raiseAlert } from '../lib/alerts';
import { replyAlertKey, takeAlertSlot } from '../lib/awaiting-reply';
import { BASE, currentLocation, navigate } from '../lib/router';
import { useAuth } from './useAuth';
import { useSocketEvent } from './useSocketEvent';

/** A toast (and, if switched on, a beep and a desktop notification) when a customer writes in a conversation you hold and are not looking at. */
export function useReplyAlerts(): void {
  const { operator } = useAuth();
  const since = useRef(Date.now());
  const alerted = useRef(new Set<string>());
  const lastAlerted = useRef(new Map<string, number>());

  useSocketEvent('session:updated', (session: SessionDto) => {
    const key = replyAlertKey(session, operator.id, since.current, alerted.current);
    if (!key) return;
    alerted.current.add(key);
    const path = `${BASE}/sessions/${encodeURIComponent(session.id)}`;
    if (currentLocation().path === path && document.visibilityState === 'visible') return;
    // A customer typing three lines in a row is one alert, not three.
    if (!takeAlertSlot(session.id, Date.now(), lastAlerted.current)) return;
    raiseAlert({ title: `${session.customerId} is waiting for your reply`, body: 'A new message in a conversation you hold.', open: () => navigate(path), tag: 'switchboard-reply' });
  });
}
