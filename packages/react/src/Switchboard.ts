import { useEffect, useRef } from 'react';
import { loadWidgetScript, runCommand, subscribe, type WidgetScriptOptions } from './host';
import type { MessageDto } from '../../../shared/src/contract/types';

export interface SwitchboardProps extends WidgetScriptOptions {
  onReady?: () => void;
  onOpen?: () => void;
  onClose?: () => void;
  onMessage?: (message: MessageDto) => void;
  onUnread?: (count: number) => void;
}

/**
 * Puts the Switchboard widget on the page: renders nothing itself (the widget lives in its
 * own shadow root), loads widget.js after mount, and shuts the widget down on unmount. On the
 * server it renders nothing and touches no browser global.
 *
 *   <Switchboard baseUrl="https://chat.example.com" agentId="…" customerId={user?.id} />
 */
export function Switchboard(props: SwitchboardProps): null {
  const handlers = useRef(props);
  handlers.current = props;

  // Mount: load widget.js (its data-* attributes carry the props), or boot it again after a
  // previous <Switchboard> shut it down. Identity changes later are `update`s, below.
  useEffect(() => {
    const p = handlers.current;
    if (!loadWidgetScript(p)) runCommand('boot', { customerId: p.customerId, customerHash: p.customerHash, metadata: p.metadata, locale: p.lang });
    const offs = [
      subscribe('ready', () => handlers.current.onReady?.()),
      subscribe('open', () => handlers.current.onOpen?.()),
      subscribe('close', () => handlers.current.onClose?.()),
      subscribe('message', (m) => handlers.current.onMessage?.(m)),
      subscribe('unread', (n) => handlers.current.onUnread?.(n)),
    ];
    return () => {
      for (const off of offs) off();
      runCommand('shutdown');
    };
  }, [props.baseUrl, props.agentId]);

  // A signed-in user changed (or signed in after load): re-identify without a reload.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (props.customerId) runCommand('identify', { customerId: props.customerId, customerHash: props.customerHash });
  }, [props.customerId, props.customerHash]);

  return null;
}
