/** The whole UI state of one widget, written only by the chat controller. */
import type { AiState, CallStatus, CustomerSessionDto, PublicAgentDto } from '../../../shared/src/index';
import { emptyWidgetThread, type WidgetThread } from './widget-thread';

/** `idle`: no socket yet (lazy); `offline`: had or wanted one and lost it. */
export type ConnectionState = 'idle' | 'connecting' | 'online' | 'offline';

export interface CallState {
  callId: string;
  reason: string | null;
  status: CallStatus;
  phone: string | null;
}

export interface WidgetState {
  open: boolean;
  /** Opened by data-open at page load: don't pull focus away from the page. */
  autoOpened: boolean;
  connection: ConnectionState;
  /** Set when the server refuses the widget for good (wrong origin, unknown agent). */
  fatal: 'origin_not_allowed' | 'unavailable' | null;
  session: CustomerSessionDto | null;
  agent: PublicAgentDto | null;
  thread: WidgetThread;
  /** `agent`: what the AI is doing (`typing` when it didn't say); `operator`: who types. */
  typing: { agent: AiState | 'typing' | null; operator: string | null };
  call: CallState | null;
  unread: number;
  /** A transient problem to show under the header (e.g. a help request that failed). */
  notice: string | null;
  /** `Switchboard('hide')`: no launcher (the page opens the panel from its own button). */
  launcherHidden: boolean;
  /** `Switchboard('shutdown')`: nothing shown until `boot`. */
  shutDown: boolean;
  /** The language asked for (`data-lang`, `setLocale`, the browser's); null: the agent's. */
  chosenLang: string | null;
  /** `showNewMessage(text)`: text for the composer to take (then null). */
  draft: string | null;
}

export const initialState: WidgetState = {
  open: false,
  autoOpened: false,
  connection: 'idle',
  fatal: null,
  session: null,
  agent: null,
  thread: emptyWidgetThread,
  typing: { agent: null, operator: null },
  call: null,
  unread: 0,
  notice: null,
  launcherHidden: false,
  shutDown: false,
  chosenLang: null,
  draft: null,
};
