/** Test helpers for the developer surface: API keys, /events collectors, a webhook receiver. */
import http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import type { AgentDto, ApiKeyDto, DomainEventType, EventEnvelope, SessionDto } from '../../../shared/src/contract/types';
import type { Ack, EventsSubscription } from '../../../shared/src/events';
import type { HttpClient } from './http-client';
import { connected, eventsClient, type EventsClient } from './socket-clients';

export const uniq = (prefix: string) => `${prefix}_${randomBytes(4).toString('hex')}`;

export async function createApiKey(admin: HttpClient, name = uniq('key')): Promise<{ apiKey: ApiKeyDto; key: string }> {
  const res = await admin.post<{ apiKey: ApiKeyDto; key: string }>('/v1/api-keys', { name });
  if (res.status !== 201) throw new Error(`createApiKey: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function createAgent(admin: HttpClient, overrides: Record<string, unknown> = {}): Promise<AgentDto> {
  const res = await admin.post<{ agent: AgentDto }>('/v1/agents', { name: uniq('agent'), ...overrides });
  if (res.status !== 201) throw new Error(`createAgent: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.agent;
}

export async function createSession(admin: HttpClient, agentId: string): Promise<{ session: SessionDto; customerToken: string }> {
  const res = await admin.post<{ session: SessionDto; customerToken: string }>('/v1/chat/sessions', { agentId, customerId: uniq('cust') });
  if (res.status !== 201) throw new Error(`createSession: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export interface Subscriber {
  socket: EventsClient;
  events: EventEnvelope[];
  ofType(type: DomainEventType): EventEnvelope[];
  close(): void;
}

/** Connects to /events, subscribes, and records every event received. */
export async function subscribe(url: string, apiKey: string, subscription: EventsSubscription = {}): Promise<Subscriber & { replayed: number }> {
  const socket = eventsClient(url, apiKey);
  const events: EventEnvelope[] = [];
  socket.on('event', (e) => void events.push(e));
  await connected(socket);
  const ack = (await socket.timeout(5_000).emitWithAck('subscribe', subscription)) as Ack<{ replayed: number }>;
  if (!ack.ok) throw new Error(`subscribe: ${JSON.stringify(ack.error)}`);
  return { socket, events, replayed: ack.replayed, ofType: (type) => events.filter((e) => e.type === type), close: () => void socket.disconnect() };
}

export interface ReceivedRequest {
  path: string;
  headers: http.IncomingHttpHeaders;
  rawBody: string;
  receivedAtMs: number;
}

/** How the receiver answers one request: a status, or 'hang' (never answers). */
export type Answer = number | 'hang';

export interface Receiver {
  url: string;
  requests: ReceivedRequest[];
  /** Decides each answer; default 200. */
  answer: (req: ReceivedRequest) => Answer;
  close(): Promise<void>;
}

/** A loopback HTTP server that records webhook requests exactly as received. */
export async function startReceiver(): Promise<Receiver> {
  const hanging = new Set<http.ServerResponse>();
  const receiver: Receiver = {
    url: '',
    requests: [],
    answer: () => 200,
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const got: ReceivedRequest = { path: req.url ?? '', headers: req.headers, rawBody: Buffer.concat(chunks).toString('utf8'), receivedAtMs: Date.now() };
      receiver.requests.push(got);
      const answer = receiver.answer(got);
      if (answer === 'hang') return void hanging.add(res);
      res.writeHead(answer, { 'content-type': 'text/plain' }).end(answer < 300 ? 'ok' : 'nope');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return receiver;
}

export const envelopeOf = (r: ReceivedRequest) => JSON.parse(r.rawBody) as EventEnvelope;
