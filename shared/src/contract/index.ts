/**
 * The REST contract: every operation, by area. The server's router, the OpenAPI document and
 * the typed client are built from these; adding an endpoint is one entry here plus one handler.
 */
import type { Operation } from './operation';
import { agentsOperations } from './agents';
import { apiKeysOperations } from './api-keys';
import { attachmentsOperations } from './attachments';
import { callsOperations } from './calls';
import { cannedRepliesOperations } from './canned-replies';
import { insightsOperations } from './insights';
import { knowledgeOperations } from './knowledge';
import { toolsOperations } from './tools';
import { webhooksOperations } from './webhooks';
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
  apiKeys: apiKeysOperations,
  webhooks: webhooksOperations,
  agents: agentsOperations,
  tools: toolsOperations,
  knowledge: knowledgeOperations,
  customers: customersOperations,
  sessions: sessionsOperations,
  messages: messagesOperations,
  support: supportOperations,
  calls: callsOperations,
  desk: deskOperations,
  cannedReplies: cannedRepliesOperations,
  attachments: attachmentsOperations,
  insights: insightsOperations,
} as const;

/** Every operation declared in the contract. */
export const CONTRACT: readonly Operation[] = Object.values(AREAS).flatMap((area) => Object.values(area));

/** The document's tag order (new tags go at the end). */
export const TAGS = ['health', 'auth', 'operators', 'api-keys', 'webhooks', 'agents', 'tools', 'knowledge', 'customers', 'sessions', 'messages', 'support', 'calls', 'support desk', 'insights'];
