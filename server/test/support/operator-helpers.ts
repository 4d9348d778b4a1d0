/**
 * Helpers for the support-desk suites: staff logins, operator and widget sockets that are
 * connected and ready, typed acks, and a recorder that keeps every event a socket receives
 * (with its arrival time) so tests can prove what was — and was not — delivered.
 */
import type { MessageDto, OperatorDto, OperatorRole, SessionDto } from '../../../shared/src/contract/types';
import type { Ack, OperatorClientEvents, WidgetSessionSnapshot } from '../../../shared/src/events';
import { uniq } from './factories';
import { httpClient, type HttpClient } from './http-client';
import { connected, nextEvent, operatorClient, waitUntil, widgetClient, type OperatorClient, type WidgetClient } from './socket-clients';
import type { TestServer } from './test-server';

export interface Staff {
  token: string;
  operator: OperatorDto;
  http: HttpClient;
  password: string;
}

/** POST /v1/auth/login; fails loudly on anything but 200. */
export async function login(server: TestServer, email: string, password: string): Promise<Staff> {
  const res = await httpClient(server.url).post<{ token: string; operator: OperatorDto }>('/v1/auth/login', { email, password });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${JSON.stringify(res.body)}`);
  return { ...res.body, http: httpClient(server.url, res.body.token), password };
}

export const loginAdmin = (server: TestServer): Promise<Staff> => login(server, server.admin.email, server.admin.password);

/** Creates an operator through the admin API and logs it in. */
export async function createStaff(server: TestServer, role: OperatorRole = 'operator', name = uniq('Op')): Promise<Staff> {
  const admin = httpClient(server.url, server.masterKey);
  const email = `${uniq('op')}@example.test`;
  const password = `pw-${uniq('secret')}`;
  const res = await admin.post<{ operator: OperatorDto }>('/v1/operators', { email, name, password, role });
  if (res.status !== 201) throw new Error(`createStaff: ${res.status} ${JSON.stringify(res.body)}`);
  return login(server, email, password);
}

/** An operator socket, connected. */
export async function connectOperator(server: TestServer, token: string): Promise<OperatorClient> {
  const socket = operatorClient(server.url, token);
  await connected(socket);
  return socket;
}

export interface ConnectedWidget {
  socket: WidgetClient;
  snapshot: WidgetSessionSnapshot;
  sessionId: string;
}

/** A widget socket on a new session of `agentId`, connected and holding its snapshot. */
export async function connectWidget(server: TestServer, agentId: string, customerToken?: string): Promise<ConnectedWidget> {
  const socket = widgetClient(server.url, { agentId, ...(customerToken ? { customerToken } : {}) });
  const snapshot = nextEvent<WidgetSessionSnapshot>(socket, 'session');
  try {
    await connected(socket);
  } catch (err) {
    snapshot.catch(() => undefined);
    socket.close();
    throw err;
  }
  const snap = await snapshot;
  return { socket, snapshot: snap, sessionId: snap.session.id };
}

type OpEvent = keyof OperatorClientEvents;
type OpPayload<K extends OpEvent> = Parameters<OperatorClientEvents[K]>[0];
type OpResult<K extends OpEvent> = Parameters<NonNullable<Parameters<OperatorClientEvents[K]>[1]>>[0];

/** Emits an operator event and resolves with its ack (5 s timeout). */
export function opEmit<K extends OpEvent>(socket: OperatorClient, event: K, payload: OpPayload<K>): Promise<OpResult<K>> {
  // The typed overloads cannot be indexed by a generic event name; the maps above keep it typed.
  const timed = socket.timeout(5_000) as unknown as { emitWithAck(event: string, payload: unknown): Promise<OpResult<K>> };
  return timed.emitWithAck(event, payload);
}

/** Emits any event name with any payload (for "the wrong namespace's events do nothing"). */
export function rawEmit(socket: WidgetClient | OperatorClient, event: string, payload: unknown, ms: number): Promise<unknown> {
  const untyped = socket.timeout(ms) as unknown as { emitWithAck(event: string, payload: unknown): Promise<unknown> };
  return untyped.emitWithAck(event, payload);
}

/** Narrows an ack to its success payload, failing with the error otherwise. */
export function ok<T extends object>(ack: Ack<T>): T {
  if (!ack.ok) throw new Error(`ack failed: ${JSON.stringify(ack.error)}`);
  return ack;
}

export interface Received {
  event: string;
  args: unknown[];
  at: number;
}

/** Records everything a socket receives, from now on, with arrival times. */
export class Recorder {
  readonly events: Received[] = [];

  constructor(socket: { onAny(listener: (event: string, ...args: unknown[]) => void): unknown }) {
    socket.onAny((event, ...args) => this.events.push({ event, args, at: Date.now() }));
  }

  of<T = unknown>(event: string): T[] {
    return this.events.filter((e) => e.event === event).map((e) => e.args[0] as T);
  }

  timed<T = unknown>(event: string): { payload: T; at: number }[] {
    return this.events.filter((e) => e.event === event).map((e) => ({ payload: e.args[0] as T, at: e.at }));
  }

  /** Everything received, serialised: for "nothing anywhere contains X" checks. */
  text(): string {
    return JSON.stringify(this.events);
  }

  /** Waits for the first `event` payload matching `match` (already received or yet to come). */
  waitFor<T = unknown>(event: string, match: (payload: T) => boolean = () => true, ms = 5_000): Promise<T> {
    return waitUntil(() => this.of<T>(event).find(match), ms);
  }
}

/** Waits until a stored message of `role` matches `match` (staff view). */
export async function waitForStored(http: HttpClient, sessionId: string, match: (m: MessageDto) => boolean, ms = 5_000): Promise<MessageDto> {
  return waitUntil(async () => {
    const res = await http.get<{ messages: MessageDto[] }>(`/v1/chat/sessions/${sessionId}/messages?limit=500`);
    return res.body.messages.find(match);
  }, ms);
}

/** The session as staff see it. */
export async function sessionOf(http: HttpClient, sessionId: string): Promise<SessionDto> {
  const res = await http.get<{ session: SessionDto }>(`/v1/chat/sessions/${sessionId}`);
  if (res.status !== 200) throw new Error(`sessionOf: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.session;
}

/** Every message text the model received in one request, joined (system prompt included). */
export function modelInputText(body: { messages: { content?: unknown }[] }): string {
  return body.messages.map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content ?? ''))).join('\n');
}
