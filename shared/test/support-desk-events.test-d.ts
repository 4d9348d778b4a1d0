/**
 * Type tests for the support-desk events (checked by `tsc`, never run): payloads and acks of
 * `csat:submit`, `session:assign` and `operators:status` are what the server and clients agree on.
 */
import type { OperatorDto } from '../src/contract/types';
import type { OperatorClientEvents, OperatorServerEvents, WidgetClientEvents } from '../src/events';

type Payload<F> = F extends (payload: infer P, ...rest: never[]) => void ? P : never;

export const csat: Payload<WidgetClientEvents['csat:submit']>[] = [
  { rating: 5 },
  { rating: 3, comment: 'ok' },
  // @ts-expect-error the rating is required
  { comment: 'no rating' },
];

export const assign: Payload<OperatorClientEvents['session:assign']>[] = [
  { sessionId: 'a'.repeat(24), operatorId: 'b'.repeat(24) },
  // @ts-expect-error the operator to hand it to is required
  { sessionId: 'a'.repeat(24) },
];

export const onStatus: OperatorServerEvents['operators:status'] = (operator: OperatorDto) => void operator.status;
