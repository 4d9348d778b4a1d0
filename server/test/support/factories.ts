/**
 * Test data through the public API only, with defaults a test overrides where it matters
 * (the Excalidraw `API.createElement` style): `createAgent(http, {allowedOrigins: […]})`.
 */
import { randomBytes } from 'node:crypto';
import type { AgentDto, MessageDto, SessionDto } from '../../../shared/src/dto';
import type { Ack } from '../../../shared/src/events';
import type { HttpClient } from './http-client';
import type { WidgetClient } from './socket-clients';

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
