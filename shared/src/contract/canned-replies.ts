/** /v1/agents/{id}/canned-replies: saved answers, for everyone on staff. */
import { z } from 'zod';
import * as s from '../schemas';
import * as d from './dtos';
import { created, idParams, noContent, obj, ok } from './common';
import { defineArea, defineOperation } from './operation';

export const createCannedReply = defineOperation({ method: 'post', path: '/v1/agents/{id}/canned-replies', tag: 'support desk', summary: 'Save a canned reply (`/shortcut`, unique per agent); `{{metadata.field}}` is filled when inserted', access: 'staff', body: s.cannedReplyCreateSchema, params: idParams, responses: created('the canned reply', obj({ cannedReply: d.cannedReplyDto })), errors: [409] });
export const listCannedReplies = defineOperation({ method: 'get', path: '/v1/agents/{id}/canned-replies', tag: 'support desk', summary: "The agent's canned replies", access: 'staff', params: idParams, responses: ok('canned replies', obj({ cannedReplies: z.array(d.cannedReplyDto) })) });
export const deleteCannedReply = defineOperation({ method: 'delete', path: '/v1/agents/{id}/canned-replies/{replyId}', tag: 'support desk', summary: 'Delete a canned reply', access: 'staff', params: idParams, responses: noContent });

export const cannedRepliesOperations = defineArea({ createCannedReply, listCannedReplies, deleteCannedReply });
