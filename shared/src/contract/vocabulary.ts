/**
 * The contract's words that exist at run time: the domain event types and which roles may be
 * seen or speak. No zod here: the widget imports these at run time and must not bundle it.
 */
import type { MessageRole } from './types';

export const DOMAIN_EVENT_TYPES = [
  'session.created',
  'session.updated',
  'session.closed',
  'session.fields_updated',
  'message.created',
  'message.completed',
  'help.requested',
  'help.resolved',
  'command.whisper',
  'command.tell',
  'command.takeover',
  'command.release',
  'context.injected',
  'call.requested',
  'call.updated',
  'session.rated',
  'session.erased',
  'tool.called',
  'tool.completed',
  'tool.approval_requested',
  'tool.approved',
  'tool.denied',
] as const;
export type DomainEventType = (typeof DOMAIN_EVENT_TYPES)[number];

/** Roles a customer may ever see. Whispers, context and tool calls never leave the staff side. */
export const CUSTOMER_VISIBLE_ROLES: readonly MessageRole[] = ['customer', 'agent', 'operator', 'system'];
/** Who can speak in a conversation; notices (`system`) and staff-only roles do not count. */
export type Speaker = 'customer' | 'agent' | 'operator';
export const SPEAKERS: readonly MessageRole[] = ['customer', 'agent', 'operator'];
