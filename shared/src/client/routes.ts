/**
 * The contract's operations as the client calls them: method and path only (no zod at run
 * time); each line is checked by the compiler against the operation it names.
 */
import type * as agents from '../contract/agents';
import type * as apiKeys from '../contract/api-keys';
import type * as auth from '../contract/auth';
import type * as calls from '../contract/calls';
import type * as canned from '../contract/canned-replies';
import type * as customers from '../contract/customers';
import type * as desk from '../contract/desk';
import type * as insights from '../contract/insights';
import type * as knowledge from '../contract/knowledge';
import type * as messages from '../contract/messages';
import type * as operators from '../contract/operators';
import type * as sessions from '../contract/sessions';
import type * as support from '../contract/support';
import type * as webhooks from '../contract/webhooks';
import { routeOf } from './contract-call';

const S = '/v1/chat/sessions/{id}' as const;

export const ROUTES = {
  login: routeOf<typeof auth.login>('post', '/v1/auth/login'),
  getMe: routeOf<typeof auth.getMe>('get', '/v1/auth/me'),
  patchMe: routeOf<typeof auth.patchMe>('patch', '/v1/auth/me'),
  createAgent: routeOf<typeof agents.createAgent>('post', '/v1/agents'),
  listAgents: routeOf<typeof agents.listAgents>('get', '/v1/agents'),
  getAgent: routeOf<typeof agents.getAgent>('get', '/v1/agents/{id}'),
  patchAgent: routeOf<typeof agents.patchAgent>('patch', '/v1/agents/{id}'),
  deleteAgent: routeOf<typeof agents.deleteAgent>('delete', '/v1/agents/{id}'),
  getIdentitySecret: routeOf<typeof agents.getIdentitySecret>('get', '/v1/agents/{id}/identity-secret'),
  rotateIdentitySecret: routeOf<typeof agents.rotateIdentitySecret>('post', '/v1/agents/{id}/identity-secret'),
  createCannedReply: routeOf<typeof canned.createCannedReply>('post', '/v1/agents/{id}/canned-replies'),
  listCannedReplies: routeOf<typeof canned.listCannedReplies>('get', '/v1/agents/{id}/canned-replies'),
  deleteCannedReply: routeOf<typeof canned.deleteCannedReply>('delete', '/v1/agents/{id}/canned-replies/{replyId}'),
  renderCannedReply: routeOf<typeof desk.renderCannedReply>('get', `${S}/canned-replies/{replyId}/render`),
  createKnowledgeBase: routeOf<typeof knowledge.createKnowledgeBase>('post', '/v1/knowledge-bases'),
  listKnowledgeBases: routeOf<typeof knowledge.listKnowledgeBases>('get', '/v1/knowledge-bases'),
  addDocument: routeOf<typeof knowledge.addDocument>('post', '/v1/knowledge-bases/{id}/documents'),
  createOperator: routeOf<typeof operators.createOperator>('post', '/v1/operators'),
  listOperators: routeOf<typeof operators.listOperators>('get', '/v1/operators'),
  patchOperator: routeOf<typeof operators.patchOperator>('patch', '/v1/operators/{id}'),
  deleteOperator: routeOf<typeof operators.deleteOperator>('delete', '/v1/operators/{id}'),
  createApiKey: routeOf<typeof apiKeys.createApiKey>('post', '/v1/api-keys'),
  listApiKeys: routeOf<typeof apiKeys.listApiKeys>('get', '/v1/api-keys'),
  revokeApiKey: routeOf<typeof apiKeys.revokeApiKey>('delete', '/v1/api-keys/{id}'),
  createWebhook: routeOf<typeof webhooks.createWebhook>('post', '/v1/webhooks'),
  listWebhooks: routeOf<typeof webhooks.listWebhooks>('get', '/v1/webhooks'),
  deleteWebhook: routeOf<typeof webhooks.deleteWebhook>('delete', '/v1/webhooks/{id}'),
  webhookDeliveries: routeOf<typeof webhooks.webhookDeliveries>('get', '/v1/webhooks/{id}/deliveries'),
  retryWebhookDelivery: routeOf<typeof webhooks.retryWebhookDelivery>('post', '/v1/webhooks/{id}/deliveries/{deliveryId}/retry'),
  customerMemory: routeOf<typeof customers.customerMemory>('get', '/v1/customers/{customerId}/memory'),
  eraseCustomerMemory: routeOf<typeof customers.eraseCustomerMemory>('delete', '/v1/customers/{customerId}/memory'),
  exportCustomer: routeOf<typeof customers.exportCustomer>('get', '/v1/customers/{customerId}/export'),
  eraseCustomer: routeOf<typeof customers.eraseCustomer>('delete', '/v1/customers/{customerId}'),
  createSession: routeOf<typeof sessions.createSession>('post', '/v1/chat/sessions'),
  listSessions: routeOf<typeof sessions.listSessions>('get', '/v1/chat/sessions'),
  sessionStats: routeOf<typeof sessions.sessionStats>('get', '/v1/chat/sessions/stats'),
  getSession: routeOf<typeof sessions.getSession>('get', S),
  patchSession: routeOf<typeof sessions.patchSession>('patch', S),
  closeSession: routeOf<typeof sessions.closeSession>('post', `${S}/close`),
  listMessages: routeOf<typeof messages.listMessages>('get', `${S}/messages`),
  sendMessage: routeOf<typeof messages.sendMessage>('post', `${S}/messages`),
  injectContext: routeOf<typeof messages.injectContext>('post', `${S}/context`),
  requestHelp: routeOf<typeof support.requestHelp>('post', `${S}/help`),
  resolveHelp: routeOf<typeof support.resolveHelp>('delete', `${S}/help`),
  whisper: routeOf<typeof support.whisper>('post', `${S}/whisper`),
  tell: routeOf<typeof support.tell>('post', `${S}/tell`),
  takeover: routeOf<typeof support.takeover>('post', `${S}/takeover`),
  release: routeOf<typeof support.release>('post', `${S}/release`),
  assignSession: routeOf<typeof desk.assignSession>('post', `${S}/assign`),
  rateSession: routeOf<typeof desk.rateSession>('post', `${S}/csat`),
  requestCall: routeOf<typeof calls.requestCall>('post', `${S}/calls`),
  insightsReport: routeOf<typeof insights.insightsReport>('get', '/v1/insights'),
  listHandoffs: routeOf<typeof insights.listHandoffs>('get', '/v1/insights/handoffs'),
  listPromptSuggestions: routeOf<typeof insights.listPromptSuggestions>('get', '/v1/insights/prompt-suggestions'),
  suggestPrompt: routeOf<typeof insights.suggestPrompt>('post', '/v1/insights/prompt-suggestions'),
  acceptPromptSuggestion: routeOf<typeof insights.acceptPromptSuggestion>('post', '/v1/insights/prompt-suggestions/{id}/accept'),
  dismissPromptSuggestion: routeOf<typeof insights.dismissPromptSuggestion>('post', '/v1/insights/prompt-suggestions/{id}/dismiss'),
};
