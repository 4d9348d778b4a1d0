import { CONTRACT } from '../../../../../shared/src/contract';
import type { Operation } from '../../../../../shared/src/contract/operation';
import { OPERATIONS as NOT_YET_CONVERTED } from './route-table';

/** Every documented operation: the contract, plus the route-table entries not converted to it yet. */
export const OPERATIONS: readonly Operation[] = [...CONTRACT, ...NOT_YET_CONVERTED];
