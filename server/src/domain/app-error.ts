import type { ErrorBody, ErrorCode } from '../../../shared/src/errors';

/** The one error type services throw; transports map `code` to a status or an ack. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: Omit<ErrorBody, 'code' | 'message'> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }

  toBody(): ErrorBody {
    return { code: this.code, message: this.message, ...this.extra };
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);
export const invalid = (field: string, message: string) => new AppError('invalid_request', `${field}: ${message}`, { field });
