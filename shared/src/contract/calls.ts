/** Phone calls: a session escalated to a call, and the voice platform's signed reports. */
import * as s from '../schemas';
import * as d from './dtos';
import { created, idParams, obj, ok } from './common';
import { defineArea, defineOperation } from './operation';
import { SESSION as one } from './sessions';

export const requestCall = defineOperation({ method: 'post', path: `${one}/calls`, tag: 'calls', summary: 'Escalate to a phone call', access: 'staff', body: s.callAcceptSchema, params: idParams, responses: created('the call', obj({ call: d.callDto })), errors: [409] });
export const reportCallEvent = defineOperation({ method: 'post', path: '/v1/calls/{callId}/events', tag: 'calls', summary: 'Voice platform callback (a timestamped HMAC-SHA256 signature; stale and replayed reports are refused)', access: 'signed', body: s.callEventSchema, responses: ok('the call', obj({ call: d.callDto })) });

export const callsOperations = defineArea({ requestCall, reportCallEvent });
