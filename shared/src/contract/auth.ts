/** /v1/auth: operator login, who am I, my status. */
import { z } from 'zod';
import * as s from '../schemas';
import * as d from './dtos';
import { obj, ok } from './common';
import { defineArea, defineOperation } from './operation';

export const login = defineOperation({ method: 'post', path: '/v1/auth/login', tag: 'auth', summary: 'Operator login (rate-limited per IP and per email)', access: 'public', body: s.loginSchema, responses: ok('a login token and the operator', obj({ token: z.string(), operator: d.operatorDto })), errors: [429] });
export const getMe = defineOperation({ method: 'get', path: '/v1/auth/me', tag: 'auth', summary: 'The operator behind a login token', access: 'operator', responses: ok('the operator', obj({ operator: d.operatorDto })) });
export const patchMe = defineOperation({ method: 'patch', path: '/v1/auth/me', tag: 'auth', summary: 'Set my status (online/away), name or password', access: 'operator', body: s.mePatchSchema, responses: ok('the operator', obj({ operator: d.operatorDto })) });

export const authOperations = defineArea({ login, getMe, patchMe });
