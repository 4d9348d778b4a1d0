import type { ErrorBody, ErrorCode } from '../errors';

/**
 * What every client call throws: the server's error code and message, the HTTP status
 * (0 for socket acknowledgements and network failures), and the field for invalid_request.
 */
export class SwitchboardError extends Error {
  readonly code: ErrorCode | 'network_error' | 'timeout';
  readonly status: number;
  readonly field?: string;
  readonly retryAfter?: number;

  constructor(body: Pick<ErrorBody, 'message' | 'field' | 'retryAfter'> & { code: SwitchboardError['code'] }, status: number) {
    super(body.message);
    this.name = 'SwitchboardError';
    this.code = body.code;
    this.status = status;
    if (body.field !== undefined) this.field = body.field;
    if (body.retryAfter !== undefined) this.retryAfter = body.retryAfter;
  }
}
