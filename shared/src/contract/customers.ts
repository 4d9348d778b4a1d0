/**
 * /v1/customers/{customerId}: what is kept about a customer (the integrator's id) — their
 * memory, a full export, and erasure. Erase means gone.
 */
import { z } from 'zod';
import * as d from './dtos';
import { customerIdSchema } from '../schemas';
import { obj, ok } from './common';
import { defineArea, defineOperation } from './operation';

const customerParams = z.object({ customerId: customerIdSchema });

export const customerMemory = defineOperation({ method: 'get', path: '/v1/customers/{customerId}/memory', tag: 'customers', summary: 'What the agents remember of a customer', access: 'staff', params: customerParams, responses: ok('summaries', obj({ memories: z.array(d.customerMemoryDto) })) });
export const exportCustomer = defineOperation({ method: 'get', path: '/v1/customers/{customerId}/export', tag: 'customers', summary: 'Everything kept about a customer, across every agent (data access requests)', access: 'admin', params: customerParams, responses: ok('the sessions with their messages and calls, and the memories', d.customerExportDto) });
export const eraseCustomer = defineOperation({ method: 'delete', path: '/v1/customers/{customerId}', tag: 'customers', summary: 'Erase a customer: every session, message, file and call, the logs about them, and the memory', access: 'admin', params: customerParams, responses: ok('what was erased', obj({ erased: d.customerErasureDto })) });
export const eraseCustomerMemory = defineOperation({ method: 'delete', path: '/v1/customers/{customerId}/memory', tag: 'customers', summary: 'Erase a customer’s memory', access: 'admin', params: customerParams, responses: ok('how many summaries were erased', obj({ erased: z.number().int() })) });

export const customersOperations = defineArea({ customerMemory, exportCustomer, eraseCustomer, eraseCustomerMemory });
