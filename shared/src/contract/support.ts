/** Support commands over REST (same rules as the operator sockets) and the help flag. */
import * as s from '../schemas';
import { idParams, obj, ok } from './common';
import { defineArea, defineOperation } from './operation';
import { SESSION, sessionEither, sessionRes } from './sessions';
import { staffMessageRes } from './messages';

export const requestHelp = defineOperation({ method: 'post', path: `${SESSION}/help`, tag: 'support', summary: 'Flag help requested', access: 'staffOrCustomer', params: idParams, body: s.helpRequestSchema, responses: ok('the session', obj({ session: sessionEither })) });
export const resolveHelp = defineOperation({ method: 'delete', path: `${SESSION}/help`, tag: 'support', summary: 'Resolve help requested', access: 'staff', params: idParams, responses: sessionRes() });
export const whisper = defineOperation({ method: 'post', path: `${SESSION}/whisper`, tag: 'support', summary: 'Private guidance to the AI (respond: true makes it answer now)', access: 'staff', params: idParams, body: s.whisperSchema, responses: staffMessageRes(), errors: [409] });
export const tell = defineOperation({ method: 'post', path: `${SESSION}/tell`, tag: 'support', summary: 'A message from staff straight to the customer', access: 'staff', params: idParams, body: s.tellSchema, responses: staffMessageRes(), errors: [409] });
export const takeover = defineOperation({ method: 'post', path: `${SESSION}/takeover`, tag: 'support', summary: 'Mode → support; a streaming AI reply is cut off', access: 'staff', params: idParams, responses: sessionRes(), errors: [409] });
export const release = defineOperation({ method: 'post', path: `${SESSION}/release`, tag: 'support', summary: 'Mode → ai; the AI answers again', access: 'staff', params: idParams, responses: sessionRes(), errors: [409] });

export const supportOperations = defineArea({ requestHelp, resolveHelp, whisper, tell, takeover, release });
