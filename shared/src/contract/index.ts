/**
 * The REST contract: every operation, by area. The server's router, the OpenAPI document and
 * the typed client are built from these; adding an endpoint is one entry here plus one handler.
 */
import type { Operation } from './operation';
import { agentsOperations } from './agents';
import { authOperations } from './auth';
import { customersOperations } from './customers';
import { deskOperations } from './desk';
import { healthOperations } from './health';
import { messagesOperations } from './messages';
import { operatorsOperations } from './operators';
import { sessionsOperations } from './sessions';
import { supportOperations } from './support';

export const AREAS = {
  health: healthOperations,
  auth: authOperations,
  operators: operatorsOperations,
  agents: agentsOperations,
  customers: customersOperations,
  sessions: sessionsOperations,
  messages: messagesOperations,
  support: supportOperations,
  desk: deskOperations,
} as const;

/** Every operation declared in the contract. */
export const CONTRACT: readonly Operation[] = Object.values(AREAS).flatMap((area) => Object.values(area));

/** The document's tag order (new tags go at the end). */
export const TAGS = ['health', 'auth', 'operators', 'api-keys', 'webhooks', 'agents', 'tools', 'knowledge', 'customers', 'sessions', 'messages', 'support', 'calls', 'support desk', 'insights'];
