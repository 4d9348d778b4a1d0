/**
 * Request body types, derived from the server's zod schemas at compile time only: these
 * imports vanish from the JavaScript, so no zod ships with the client.
 */
import type { z } from 'zod';
import type * as s from '../schemas';

export type AgentCreateInput = z.input<typeof s.agentCreateSchema>;
export type AgentPatchInput = z.input<typeof s.agentPatchSchema>;
export type KnowledgeBaseCreateInput = z.input<typeof s.knowledgeBaseCreateSchema>;
export type DocumentCreateInput = z.input<typeof s.documentCreateSchema>;
export type OperatorCreateInput = z.input<typeof s.operatorCreateSchema>;
export type OperatorPatchInput = z.input<typeof s.operatorPatchSchema>;
export type MePatchInput = z.input<typeof s.mePatchSchema>;
export type SessionCreateInput = z.input<typeof s.sessionCreateSchema>;
export type MessageSendInput = z.input<typeof s.messageSendSchema>;
export type ContextInput = z.input<typeof s.contextSchema>;
export type WebhookCreateInput = z.input<typeof s.webhookCreateSchema>;
