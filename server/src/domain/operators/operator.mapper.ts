import type { OperatorDto, OperatorRole, OperatorStatus } from '../../../../shared/src/contract/types';
import type { OperatorDoc } from '../../db/models/operator.model';

export function toOperatorDto(o: OperatorDoc): OperatorDto {
  return {
    id: o._id.toHexString(),
    email: o.email,
    name: o.name,
    role: o.role as OperatorRole,
    status: o.status as OperatorStatus,
    present: Boolean(o.presentUntil && o.presentUntil.getTime() > Date.now()),
    createdAt: o.get('createdAt').toISOString(),
  };
}
