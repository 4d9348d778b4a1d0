/** /v1/operators: staff accounts (admins manage them; everyone on staff can list). */
import { z } from 'zod';
import * as s from '../schemas';
import * as d from './dtos';
import { created, idParams, noContent, obj, ok } from './common';
import { defineArea, defineOperation } from './operation';

export const createOperator = defineOperation({ method: 'post', path: '/v1/operators', tag: 'operators', summary: 'Create a staff account', access: 'admin', body: s.operatorCreateSchema, responses: created('the operator', obj({ operator: d.operatorDto })), errors: [409] });
export const listOperators = defineOperation({ method: 'get', path: '/v1/operators', tag: 'operators', summary: 'List staff accounts', access: 'staff', responses: ok('operators', obj({ operators: z.array(d.operatorDto) })) });
export const getOperator = defineOperation({ method: 'get', path: '/v1/operators/{id}', tag: 'operators', summary: 'One staff account, with its status and presence', access: 'staff', params: idParams, responses: ok('the operator', obj({ operator: d.operatorDto })) });
export const patchOperator = defineOperation({ method: 'patch', path: '/v1/operators/{id}', tag: 'operators', summary: 'Change name, password or role', access: 'admin', body: s.operatorPatchSchema, responses: ok('the operator', obj({ operator: d.operatorDto })) });
export const deleteOperator = defineOperation({ method: 'delete', path: '/v1/operators/{id}', tag: 'operators', summary: 'Delete a staff account (its tokens stop working)', access: 'admin', responses: noContent });

export const operatorsOperations = defineArea({ createOperator, listOperators, getOperator, patchOperator, deleteOperator });
