import { useCallback, useEffect, useReducer, useRef, useState } from 'preact/hooks';
import type { MessageDto, SessionDto, SupportCommands } from '../../../shared/src/contract/types';
import type { TypingPayload } from '../../../shared/src/events';
import { api, errorMessage } from '../lib/api';
import { emitWithAck } from '../lib/socket';
import { emptyThread, highestSeq, threadReducer, type ThreadAction, type ThreadState } from '../../../shared/src/protocol/thread';
import { useConnection } from './useConnection';
import { useSocketEvent } from './useSocketEvent';

const CATCH_UP_PAGE = 200;
const TYPING_TIMEOUT_MS = 6_000;

export interface SessionThread {
  session: SessionDto | null;
  thread: ThreadState;
  supportCommands: SupportCommands | null;
  agentName: string;
  typing: TypingPayload | null;
  error: string | null;
  /** The session was erased while open (its customer's erasure, or retention). */
  erased: boolean;
  /** Applies a session returned by a command's ack at once (live updates follow anyway). */
  setSession: (session: SessionDto) => void;
  addMessage: (message: MessageDto) => void;
  /** Applies a changed message returned by an ack (a decided tool call). */
  updateMessage: (message: MessageDto) => void;
}

/** Fetches every message after `afterSeq` over REST, page by page. */
async function catchUp(sessionId: string, afterSeq: number): Promise<MessageDto[]> {
  const all: MessageDto[] = [];
  for (let after = afterSeq; ; ) {
    const { messages } = await api.messagesAfter(sessionId, after, CATCH_UP_PAGE);
    all.push(...messages);
    if (messages.length < CATCH_UP_PAGE) return all;
    after = messages.reduce((max, m) => Math.max(max, m.seq), after);
  }
}

/**
 * One joined session: `session:join` gives the session, its whole thread and the agent's
 * support commands; then live messages, stream deltas and typing for it. On a reconnect it
 * re-joins and fetches everything after the highest seq it holds, so nothing is lost.
 */
export function useSessionThread(sessionId: string): SessionThread {
  const { epoch, status } = useConnection();
  const [thread, dispatch] = useReducer<ThreadState, ThreadAction>(threadReducer, emptyThread);
  const [session, setSessionState] = useState<SessionDto | null>(null);
  const [supportCommands, setSupportCommands] = useState<SupportCommands | null>(null);
  const [agentName, setAgentName] = useState('');
  const [typing, setTyping] = useState<TypingPayload | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [erased, setErased] = useState(false);
  const seqRef = useRef(0);
  seqRef.current = highestSeq(thread.messages);

  useEffect(() => {
    dispatch({ type: 'reset' });
    setSessionState(null);
    setSupportCommands(null);
    setError(null);
    setErased(false);
    seqRef.current = 0;
  }, [sessionId]);

  useEffect(() => {
    if (status !== 'online') return;
    let live = true;
    const heldSeq = seqRef.current;
    emitWithAck('session:join', { sessionId })
      .then(async (ack) => {
        if (!live) return;
        setSessionState(ack.session);
        setSupportCommands(ack.supportCommands);
        setAgentName(ack.agentName);
        dispatch({ type: 'merge', messages: ack.messages });
        setError(null);
        const missed = await catchUp(sessionId, Math.max(heldSeq, highestSeq(ack.messages)));
        if (live && missed.length > 0) dispatch({ type: 'merge', messages: missed });
      })
      .catch((err: unknown) => live && setError(errorMessage(err)));
    return () => {
      live = false;
      void emitWithAck('session:leave', { sessionId }).catch(() => undefined);
    };
  }, [sessionId, epoch, status === 'online']);

  const mine = (payload: { sessionId: string }): boolean => payload.sessionId === sessionId;
  useSocketEvent('message', (m) => mine(m) && dispatch({ type: 'merge', messages: [m] }));
  useSocketEvent('stream:start', (p) => {
    if (!mine(p)) return;
    dispatch({ type: 'stream:start', payload: p, at: new Date().toISOString() });
    setTyping((t) => (t?.from === 'agent' ? null : t));
  });
  useSocketEvent('stream:delta', (p) => mine(p) && dispatch({ type: 'stream:delta', payload: p }));
  useSocketEvent('message:updated', (m) => mine(m) && dispatch({ type: 'merge', messages: [m] }));
  useSocketEvent('stream:end', (p) => mine(p) && dispatch({ type: 'stream:end', payload: p }));
  useSocketEvent('session:updated', (s) => s.id === sessionId && setSessionState(s));
  useSocketEvent('typing', (p) => mine(p) && setTyping(p.active ? p : null));
  useSocketEvent('session:erased', (p) => mine(p) && setErased(true));

  useEffect(() => {
    if (!typing) return;
    const timer = window.setTimeout(() => setTyping(null), TYPING_TIMEOUT_MS);
    return () => window.clearTimeout(timer);
  }, [typing]);

  const setSession = useCallback((s: SessionDto) => setSessionState((prev) => (prev && prev.updatedAt > s.updatedAt ? prev : s)), []);
  const addMessage = useCallback((m: MessageDto) => dispatch({ type: 'merge', messages: [m] }), []);
  const updateMessage = useCallback((m: MessageDto) => dispatch({ type: 'merge', messages: [m] }), []);
  return { session, thread, supportCommands, agentName, typing, error, erased, setSession, addMessage, updateMessage };
}
