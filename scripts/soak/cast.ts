/**
 * The soak's people: widget customers who send every few seconds and retry a send that was
 * not acknowledged with the same clientMessageId (as the widget's outbox does), and operators
 * who whisper, tell, take over and release at random. Everything they were told "ok" to is
 * written in the ledger; everything a customer receives is checked for staff-only content.
 */
import { io, type Socket } from 'socket.io-client';
import type { OperatorClientEvents, OperatorServerEvents, WidgetClientEvents, WidgetServerEvents } from '../../shared/src/events';
import { CUSTOMER_VISIBLE_ROLES } from '../../shared/src/contract/vocabulary';

type Widget = Socket<WidgetServerEvents, WidgetClientEvents>;
type Operator = Socket<OperatorServerEvents, OperatorClientEvents>;

/** Written into every whisper and context line: a customer must never see it. */
export const STAFF_MARK = 'STAFF-ONLY-';

export interface Ledger {
  /** sessionId → clientMessageIds the server acknowledged. */
  acked: Map<string, Set<string>>;
  /** sessionId → tells the server acknowledged (their unique content). */
  tells: Map<string, Set<string>>;
  /** Sessions an operator tried to take over (acked or not: a kill can eat the ack). */
  takeovers: Set<string>;
  /** Sends refused, by error code (and `no_ack` for a send that timed out); each was retried. */
  refused: Map<string, number>;
  /** What reached a customer that must not have. */
  leaks: string[];
  whispers: number;
  releases: number;
}

export function newLedger(): Ledger {
  return { acked: new Map(), tells: new Map(), takeovers: new Set(), refused: new Map(), leaks: [], whispers: 0, releases: 0 };
}

/** Sleeps `ms`, or less when the run ends first (so the load stops on time). */
async function nap(ms: number, until: () => boolean): Promise<void> {
  const end = Date.now() + ms;
  while (!until() && Date.now() < end) await new Promise((r) => setTimeout(r, Math.min(250, end - Date.now())));
}
const between = (min: number, max: number) => min + Math.random() * (max - min);
const count = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

export interface Customer {
  sessionId: string;
  socket: Widget;
  run(until: () => boolean): Promise<void>;
}

/** A customer on one process: connects (and reconnects, keeping its token), then sends until told to stop. */
export async function startCustomer(url: string, agentId: string, n: number, ledger: Ledger): Promise<Customer> {
  const auth: { agentId: string; customerToken?: string } = { agentId };
  const socket: Widget = io(`${url}/widget`, {
    transports: ['websocket'],
    forceNew: true,
    reconnectionDelay: 300,
    reconnectionDelayMax: 2_000,
    // Read on every (re)connection: after the first snapshot it carries the customer's token.
    auth: (cb) => cb(auth),
  });
  const snapshot = await new Promise<{ session: { id: string }; customerToken: string }>((resolve, reject) => {
    socket.once('session', resolve);
    setTimeout(() => reject(new Error(`customer ${n} got no session`)), 20_000);
  });
  auth.customerToken = snapshot.customerToken;
  const sessionId = snapshot.session.id;
  const acked = new Set<string>();
  ledger.acked.set(sessionId, acked);
  const leak = (what: string) => ledger.leaks.push(`${sessionId}: ${what}`);
  socket.on('message', (m) => {
    if (!CUSTOMER_VISIBLE_ROLES.includes(m.role)) leak(`a ${m.role} message`);
    else if (m.role !== 'agent' && m.content.includes(STAFF_MARK)) leak(`staff text in a ${m.role} message`);
  });
  return {
    sessionId,
    socket,
    async run(until) {
      for (let i = 0; !until(); i++) {
        const clientMessageId = `soak-${n}-${i}`;
        // Retried with the same id until acknowledged (or the run ends): stored once, never lost.
        while (!until()) {
          const ack = socket.connected ? await socket.timeout(10_000).emitWithAck('message:send', { clientMessageId, content: `customer ${n} message ${i}` }).catch(() => null) : null;
          if (ack?.ok) {
            acked.add(clientMessageId);
            break;
          }
          count(ledger.refused, ack && !ack.ok ? ack.error.code : socket.connected ? 'no_ack' : 'disconnected');
          await nap(1_000, until);
        }
        await nap(between(3_000, 8_000), until);
      }
    },
  };
}

/** An operator on one process, acting on random sessions until told to stop. */
export async function startOperator(url: string, token: string, name: string, sessionIds: string[], ledger: Ledger): Promise<{ socket: Operator; run(until: () => boolean): Promise<void> }> {
  const socket: Operator = io(`${url}/operator`, { transports: ['websocket'], forceNew: true, reconnectionDelay: 300, reconnectionDelayMax: 2_000, auth: { token } });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    setTimeout(() => reject(new Error(`operator ${name} did not connect`)), 20_000);
  });
  let tellNo = 0;
  const act = async (sessionId: string, until: () => boolean): Promise<void> => {
    const roll = Math.random();
    const send = socket.timeout(10_000);
    if (roll < 0.35) {
      const r = await send.emitWithAck('whisper', { sessionId, content: `${STAFF_MARK}${name} suggests a discount`, clientMessageId: `w-${name}-${tellNo++}` }).catch(() => null);
      if (r?.ok) ledger.whispers++;
    } else if (roll < 0.6) {
      const content = `${name} says hello ${tellNo++}`;
      const clientMessageId = `t-${name}-${tellNo}`;
      // A tell is retried with its id like a customer's message: stored once.
      for (let attempt = 0; attempt < 5 && !until(); attempt++) {
        const r = await send.emitWithAck('tell', { sessionId, content, clientMessageId }).catch(() => null);
        if (r?.ok) {
          if (!ledger.tells.has(sessionId)) ledger.tells.set(sessionId, new Set());
          ledger.tells.get(sessionId)?.add(content);
          break;
        }
        await nap(1_000, until);
      }
    } else if (roll < 0.8) {
      ledger.takeovers.add(sessionId);
      await send.emitWithAck('takeover', { sessionId }).catch(() => null);
    } else {
      const r = await send.emitWithAck('release', { sessionId }).catch(() => null);
      if (r?.ok) ledger.releases++;
    }
  };
  return {
    socket,
    async run(until) {
      while (!until()) {
        const sessionId = sessionIds[Math.floor(Math.random() * sessionIds.length)] as string;
        if (socket.connected) await act(sessionId, until);
        await nap(between(1_500, 4_000), until);
      }
    },
  };
}
