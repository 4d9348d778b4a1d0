/** Support-desk session operations: assignment, CSAT, transcripts, canned reply rendering. */
import { z } from 'zod';
import * as s from '../schemas';
import * as d from './dtos';
import { created, idParams, obj, ok } from './common';
import { defineArea, defineOperation } from './operation';
import { SESSION as one, sessionEither, sessionRes as sessionResOf } from './sessions';

const sessionRes = sessionResOf();

export const assignSession = defineOperation({ method: 'post', path: `${one}/assign`, tag: 'support desk', summary: 'Hand the session to another operator (admins, or the operator who owns it)', access: 'staff', body: s.assignSchema, params: idParams, responses: sessionRes, errors: [409] });
export const rateSession = defineOperation({ method: 'post', path: `${one}/csat`, tag: 'support desk', summary: 'Rate the session 1–5 with an optional comment (once)', access: 'staffOrCustomer', body: s.csatSchema, params: idParams, responses: created('the session', obj({ session: sessionEither })), errors: [409] });
export const sessionTranscript = defineOperation({ method: 'get', path: `${one}/transcript`, tag: 'support desk', summary: 'The customer-visible conversation as a text or HTML download', access: 'staffOrCustomer', query: s.transcriptQuerySchema, params: idParams, responses: ok('the transcript (text/plain or text/html)', z.string()) });
export const renderCannedReply = defineOperation({ method: 'get', path: `${one}/canned-replies/{replyId}/render`, tag: 'support desk', summary: "A canned reply's text filled from this session's metadata", access: 'staff', params: idParams, responses: ok('the rendered text', obj({ reply: d.cannedReplyDto, text: z.string() })) });

export const deskOperations = defineArea({ assignSession, rateSession, sessionTranscript, renderCannedReply });
