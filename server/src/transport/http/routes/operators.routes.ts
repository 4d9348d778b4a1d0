import * as op from '../../../../../shared/src/contract/operators';
import type { Services } from '../../../services';
import type { ContractRouter } from '../contract-router';

/** What these handlers use of the services. */
export type OperatorsDeps = Pick<Services, 'operators'>;

/** /v1/operators: staff accounts (admins manage them; everyone on staff can list). */
export function operatorsRoutes(api: ContractRouter, s: OperatorsDeps): void {
  api.route(op.createOperator, async ({ body }) => ({ operator: await s.operators.create(body) }));
  api.route(op.listOperators, async () => ({ operators: await s.operators.list() }));
  api.route(op.getOperator, async ({ params: { id } }) => ({ operator: await s.operators.get(id) }));
  api.route(op.patchOperator, async ({ params: { id }, body }) => ({ operator: await s.operators.patch(id, body) }));
  api.route(op.deleteOperator, async ({ params: { id } }) => {
    await s.operators.remove(id);
  });
}
