/**
 * Test data through the public API only, with defaults a test overrides where it matters
 * (the Excalidraw `API.createElement` style): `createAgent(http, {allowedOrigins: […]})`.
 */
import { randomBytes } from 'node:crypto';
import type { AgentDto, MessageDto, SessionDto } from '../../../shared/src/contract/types';
import type { Ack, WidgetAuth, WidgetSessionSnapshot } from '../../../shared/src/events';
import type { HttpClient } from './http-client';
import { connected, nextEvent, widgetClient, type WidgetClient } from './socket-clients';

export type AgentInput = Record<string, unknown>;

/** A short unique suffix so tests sharing one server never collide on names or ids. */
export const uniq = (prefix = 'x'): string => `${prefix}_${randomBytes(4).toString('hex')}`;

/** POST /v1/agents with defaults (offline model); fails the test loudly on anything but 201. */
export async function createAgent(http: HttpClient, overrides: AgentInput = {}): Promise<AgentDto> {
  const res = await http.post<{ agent: AgentDto }>('/v1/agents', { name: uniq('agent'), ...overrides });
  if (res.status !== 201) throw new Error(`createAgent: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.agent;
}

/** An agent whose model is the fake OpenAI-compatible server at `llmUrl`. */
export function createFakeLlmAgent(http: HttpClient, llmUrl: string, overrides: AgentInput = {}): Promise<AgentDto> {
  return createAgent(http, { llm: { provider: 'openai-compatible', model: 'fake-model', baseUrl: llmUrl }, ...overrides });
}

export interface CreatedSession {
  session: SessionDto;
  customerToken: string;
}

/** POST /v1/chat/sessions; fails the test loudly on anything but 201. */
export async function createSession(http: HttpClient, agentId: string, overrides: { customerId?: string; metadata?: Record<string, unknown> } = {}): Promise<CreatedSession> {
  const res = await http.post<CreatedSession>('/v1/chat/sessions', { agentId, customerId: uniq('cust'), ...overrides });
  if (res.status !== 201) throw new Error(`createSession: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** GET the staff view of a session's messages (every role). */
export async function staffMessages(http: HttpClient, sessionId: string, query = ''): Promise<MessageDto[]> {
  const res = await http.get<{ messages: MessageDto[] }>(`/v1/chat/sessions/${sessionId}/messages${query}`);
  if (res.status !== 200) throw new Error(`staffMessages: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.messages;
}

export async function getSession(http: HttpClient, sessionId: string): Promise<SessionDto> {
  const res = await http.get<{ session: SessionDto }>(`/v1/chat/sessions/${sessionId}`);
  if (res.status !== 200) throw new Error(`getSession: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.session;
}

export interface SseEvent {
  event: string;
  data: unknown;
}

/** Parses a complete `text/event-stream` body into its events, in order. */
export function parseSse(text: string): SseEvent[] {
  return text
    .split('\n\n')
    .filter((block) => block.trim())
    .map((block) => {
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
      }
      return { event, data: data.length ? (JSON.parse(data.join('\n')) as unknown) : null };
    });
}

export type SendPayload = { clientMessageId: string; content: string };

/** `message:send` with its ack (5 s timeout). Tests of bad input pass any object through `unknown`. */
export function widgetSend(socket: WidgetClient, payload: SendPayload): Promise<Ack<{ message: MessageDto; duplicate: boolean }>> {
  return socket.timeout(5_000).emitWithAck('message:send', payload);
}

/** `messages:since` with its ack. */
export function widgetSince(socket: WidgetClient, afterSeq: number): Promise<Ack<{ messages: MessageDto[] }>> {
  return socket.timeout(5_000).emitWithAck('messages:since', { afterSeq });
}

/** Narrows an ack to its success payload, failing with the error otherwise. */
export function okAck<T extends object>(ack: Ack<T>): T {
  if (!ack.ok) throw new Error(`ack failed: ${JSON.stringify(ack.error)}`);
  return ack;
}

export interface OpenWidget {
  socket: WidgetClient;
  snapshot: WidgetSessionSnapshot;
  /** Every event the socket received since it was created, in arrival order. */
  log: { event: string; data: unknown; at: number }[];
}

/** A `/widget` socket, connected, with its `session` snapshot and an event log. */
export async function openWidget(url: string, auth: WidgetAuth, extra: { origin?: string } = {}): Promise<OpenWidget> {
  const socket = widgetClient(url, auth, extra);
  const log: OpenWidget['log'] = [];
  socket.onAny((event: string, data: unknown) => log.push({ event, data, at: Date.now() }));
  const snapshot = nextEvent<WidgetSessionSnapshot>(socket, 'session');
  snapshot.catch(() => undefined);
  try {
    await connected(socket);
  } catch (err) {
    socket.disconnect();
    throw err;
  }
  return { socket, snapshot: await snapshot, log };
}

/** The payloads of `event` in a widget's log. */
export const eventsOf = <T>(w: OpenWidget, event: string): T[] => w.log.filter((e) => e.event === event).map((e) => e.data as T);

/** The handshake error a `/widget` connection is refused with (`connect_error` message = code). */
export async function refusedWith(url: string, auth: WidgetAuth, extra: { origin?: string } = {}): Promise<string> {
  const socket = widgetClient(url, auth, extra);
  try {
    await connected(socket);
  } catch (err) {
    return (err as Error).message;
  } finally {
    socket.disconnect();
  }
  throw new Error('the connection was accepted');
}

/** A valid 1×1 PNG, for uploads. */
export const PNG_1PX = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

const isoDay = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
/** 09:00-17:00 UTC every day. */
export const NINE_TO_FIVE = Object.fromEntries(WEEKDAYS.map((d) => [d, [['09:00', '17:00']]]));
/** Business hours closed today and tomorrow (holidays), open 09:00 UTC the day after: a deterministic "after hours". */
export const closedNow = () => ({ timezone: 'UTC', weekly: NINE_TO_FIVE, holidays: [isoDay(-1), isoDay(0), isoDay(1)] });
