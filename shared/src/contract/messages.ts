/** A session's messages: history, a customer message with the AI reply (JSON or SSE), staff context. */
import { z } from 'zod';
import * as s from '../schemas';
import { messageDto } from './dtos';
import { idParams, obj, ok } from './common';
import { defineArea, defineOperation } from './operation';
import { SESSION } from './sessions';

/** A staff message or context: 201 when stored, 200 for a retry with the same clientMessageId. */
export const staffMessageRes = () => ({
  200: { description: 'a repeated clientMessageId: the message stored the first time; nothing stored or announced again', schema: obj({ message: messageDto, duplicate: z.literal(true) }) },
  201: { description: 'the stored message', schema: obj({ message: messageDto, duplicate: z.literal(false) }) },
});

export const listMessages = defineOperation({ method: 'get', path: `${SESSION}/messages`, tag: 'messages', summary: 'History, oldest first (customers never see whispers or context)', access: 'staffOrCustomer', params: idParams, query: s.messagesQuerySchema, responses: ok('messages', obj({ messages: z.array(messageDto) })) });
export const sendMessage = defineOperation({
  method: 'post',
  path: `${SESSION}/messages`,
  tag: 'messages',
  summary: 'Send a customer message; the AI reply comes back whole, or streamed as server-sent events',
  access: 'staffOrCustomer',
  params: idParams,
  body: s.messageSendSchema,
  responses: {
    200: { description: 'a duplicate clientMessageId: the stored message, no new reply', schema: obj({ message: messageDto, reply: messageDto.nullable(), duplicate: z.literal(true) }) },
    201: { description: 'the message and the AI reply (null in support mode)', schema: obj({ message: messageDto, reply: messageDto.nullable(), duplicate: z.boolean() }), sse: true },
  },
  errors: [409, 413, 429, 502],
});
export const injectContext = defineOperation({ method: 'post', path: `${SESSION}/context`, tag: 'messages', summary: 'Inject context the AI sees and the customer does not', access: 'staff', params: idParams, body: s.contextSchema, responses: staffMessageRes(), errors: [409] });

export const messagesOperations = defineArea({ listMessages, sendMessage, injectContext });
