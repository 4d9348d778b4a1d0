/** /v1/chat/sessions: create, the log, its counts and previews, one session, close. */
import { z } from 'zod';
import * as s from '../schemas';
import { customerSessionDto, sessionDto, sessionPreviewDto, sessionStatsDto } from './dtos';
import { created, idParams, noContent, obj, ok } from './common';
import { defineArea, defineOperation } from './operation';

export const SESSIONS = '/v1/chat/sessions';
export const SESSION = `${SESSIONS}/{id}` as const;
/** Answers that differ by audience: the customer token gets the customer view. */
export const sessionEither = z.union([sessionDto, customerSessionDto]).describe('the staff view, or the customer view for a customer token');
export const sessionRes = () => ok('the session', obj({ session: sessionDto }));

export const createSession = defineOperation({
  method: 'post',
  path: SESSIONS,
  tag: 'sessions',
  summary: 'Start a session for a customer (`channel`: `sms`, `whatsapp`, …); with `reuse: "open"`, find or create: the customer’s open session for the agent and channel (200), else a new one (201) — one, however many calls race',
  access: 'staff',
  body: s.sessionCreateSchema,
  responses: {
    ...created('a new session and its customer token', obj({ session: sessionDto, customerToken: z.string(), reused: z.literal(false).optional().describe('with `reuse` only') })),
    ...ok('`reuse: "open"` found the customer’s open session (no customer token: only its hash is kept)', obj({ session: sessionDto, reused: z.literal(true) })),
  },
  errors: [429],
});
export const listSessions = defineOperation({ method: 'get', path: SESSIONS, tag: 'sessions', summary: 'The session log, newest first, with a cursor', access: 'staff', query: s.sessionListQuerySchema, responses: ok('a page', obj({ sessions: z.array(sessionDto), nextCursor: z.string().nullable() })) });
export const sessionStats = defineOperation({ method: 'get', path: `${SESSIONS}/stats`, tag: 'sessions', summary: 'Counts for the same filters as the log', access: 'staff', query: s.sessionFiltersSchema, responses: ok('counts', sessionStatsDto) });
export const sessionPreviews = defineOperation({ method: 'get', path: `${SESSIONS}/previews`, tag: 'sessions', summary: 'The log as an inbox: each session’s last message, a word-search snippet, and unread customer messages for the asking operator', access: 'staff', query: s.sessionPreviewsQuerySchema, responses: ok('one preview per id', obj({ previews: z.array(sessionPreviewDto) })) });
export const markSessionRead = defineOperation({ method: 'post', path: `${SESSION}/read`, tag: 'sessions', summary: 'Mark the session read up to `seq` for the asking operator (unread counts)', access: 'staff', params: idParams, body: s.sessionReadSchema, responses: noContent });
export const getSession = defineOperation({ method: 'get', path: SESSION, tag: 'sessions', summary: 'One session', access: 'staffOrCustomer', params: idParams, responses: ok('the session', obj({ session: sessionEither })) });
export const patchSession = defineOperation({ method: 'patch', path: SESSION, tag: 'sessions', summary: 'Replace the session’s metadata and/or set lead fields (`fields: {key: value}`, null clears; each checked against the agent’s fields)', access: 'staff', params: idParams, body: s.sessionPatchSchema, responses: sessionRes() });
export const closeSession = defineOperation({ method: 'post', path: `${SESSION}/close`, tag: 'sessions', summary: 'Close the session (no new messages afterwards)', access: 'staffOrCustomer', params: idParams, responses: ok('the session', obj({ session: sessionEither })) });

export const sessionsOperations = defineArea({ createSession, listSessions, sessionStats, sessionPreviews, markSessionRead, getSession, patchSession, closeSession });
