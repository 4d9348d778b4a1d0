/**
 * The soak's verdict: what the server acknowledged against what it stored, read back over
 * the REST API once every fault is over and the stale-reply sweep has had its turn.
 */
import type { MessageDto } from '../../shared/src/contract/types';
import { api } from '../bench/support/server-process';
import type { Ledger } from './cast';

export interface Verdict {
  sessions: number;
  acked: number;
  tells: number;
  stored: number;
  lost: string[];
  doubled: string[];
  gaps: string[];
  stuck: string[];
  unexplainedInterruptions: string[];
  failedReplies: Record<string, number>;
  interrupted: number;
  leaks: string[];
}

async function history(url: string, sessionId: string): Promise<MessageDto[]> {
  const all: MessageDto[] = [];
  for (let afterSeq = 0; ; ) {
    const { messages } = await api<{ messages: MessageDto[] }>(url, 'GET', `/v1/chat/sessions/${sessionId}/messages?afterSeq=${afterSeq}&limit=100`);
    all.push(...messages);
    if (messages.length < 100) return all;
    afterSeq = messages[messages.length - 1]?.seq ?? afterSeq;
  }
}

export async function checkLedger(url: string, ledger: Ledger): Promise<Verdict> {
  const v: Verdict = { sessions: ledger.acked.size, acked: 0, tells: 0, stored: 0, lost: [], doubled: [], gaps: [], stuck: [], unexplainedInterruptions: [], failedReplies: {}, interrupted: 0, leaks: ledger.leaks };
  for (const [sessionId, acked] of ledger.acked) {
    const messages = await history(url, sessionId);
    v.acked += acked.size;
    v.stored += messages.length;
    const ids = messages.filter((m) => m.role === 'customer').map((m) => m.clientMessageId ?? '');
    for (const id of acked) if (!ids.includes(id)) v.lost.push(`${sessionId} customer ${id}`);
    const seen = new Set<string>();
    for (const id of ids) {
      if (seen.has(id)) v.doubled.push(`${sessionId} customer ${id}`);
      seen.add(id);
    }
    const tells = messages.filter((m) => m.role === 'operator').map((m) => m.content);
    for (const tell of ledger.tells.get(sessionId) ?? []) {
      v.tells++;
      const copies = tells.filter((t) => t === tell).length;
      if (copies === 0) v.lost.push(`${sessionId} tell "${tell}"`);
      if (copies > 1) v.doubled.push(`${sessionId} tell "${tell}" ×${copies}`);
    }
    messages.forEach((m, i) => {
      if (m.seq !== i + 1) v.gaps.push(`${sessionId} seq ${m.seq} at position ${i + 1}`);
    });
    for (const m of messages.filter((x) => x.role === 'agent')) {
      if (m.status === 'streaming') v.stuck.push(`${sessionId} seq ${m.seq}`);
      if (m.status === 'failed') v.failedReplies[m.endReason ?? 'no reason'] = (v.failedReplies[m.endReason ?? 'no reason'] ?? 0) + 1;
      if (m.status !== 'interrupted') continue;
      v.interrupted++;
      // An interruption is explained when it carries when and why, and the why happened.
      const explained = Boolean(m.completedAt) && m.endReason === 'takeover' && ledger.takeovers.has(sessionId);
      if (!explained) v.unexplainedInterruptions.push(`${sessionId} seq ${m.seq} (completedAt ${m.completedAt ?? 'none'}, endReason ${m.endReason ?? 'none'})`);
    }
  }
  return v;
}

/** Whether the ledger holds: nothing lost, doubled, missing, stuck, unexplained or leaked. */
export function holds(v: Verdict): boolean {
  return v.acked > 0 && [v.lost, v.doubled, v.gaps, v.stuck, v.unexplainedInterruptions, v.leaks].every((list) => list.length === 0);
}
