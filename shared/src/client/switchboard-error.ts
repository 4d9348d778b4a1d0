import type { ErrorBody, ErrorCode } from '../errors';

/** Error codes the server sends, plus those a client produces itself (no answer, no connection). */
export type ClientErrorCode = ErrorCode | 'network_error' | 'timeout' | 'offline';
/** What a failed request carries: the server's error body, or one the client made. */
export type ClientErrorBody = Pick<ErrorBody, 'message' | 'field' | 'retryAfter'> & { code: ClientErrorCode };

/**
 * What every client call throws: the server's error code and message, the HTTP status
 * (0 for socket acknowledgements and network failures), and the field for invalid_request.
 */
export class SwitchboardError extends Error {
  readonly code: ClientErrorCode;
  readonly status: number;
  readonly field?: string;
  readonly retryAfter?: number;

  constructor(body: ClientErrorBody, status: number) {
    super(body.message);
    this.name = 'SwitchboardError';
    this.code = body.code;
    this.status = status;
    if (body.field !== undefined) this.field = body.field;
    if (body.retryAfter !== undefined) this.retryAfter = body.retryAfter;
  }
}
