import * as op from '../../../../../shared/src/contract/customers';
import type { CustomerDataService } from '../../../domain/customers/customer-data.service';
import type { MemoryService } from '../../../domain/memory/memory.service';
import type { ContractRouter } from '../contract-router';

/**
 * /v1/customers/:customerId: what is kept about a customer (the integrator's id) — their
 * memory, a full export, and erasure. Erase means gone.
 */
export function customersRoutes(api: ContractRouter, memory: MemoryService, customers: CustomerDataService): void {
  api.route(op.customerMemory, async ({ params: { customerId } }) => ({ memories: await memory.list(customerId) }));
  api.route(op.eraseCustomerMemory, async ({ params: { customerId } }) => ({ erased: await memory.erase(customerId) }));
  api.route(op.exportCustomer, async ({ params: { customerId } }) => customers.export(customerId));
  api.route(op.eraseCustomer, async ({ params: { customerId } }) => ({ erased: await customers.erase(customerId) }));
}
