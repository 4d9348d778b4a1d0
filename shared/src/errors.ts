/** Error codes every side of Switchboard agrees on (REST bodies and socket acks). */
export const ERROR_CODES = [
  'invalid_request',
  'egress_refused',
  'already_decided',
  'unauthorized',
  'signature_expired',
  'signature_replayed',
  'forbidden',
  'insufficient_scope',
  'not_found',
  'conflict',
  'session_closed',
  'command_disabled',
  'already_in_support',
  'not_in_support',
  'message_too_large',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'origin_not_allowed',
  'store_unavailable',
  'shutting_down',
  'starting',
  'llm_unavailable',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  /** The offending field, for `invalid_request`. */
  field?: string;
  /** Seconds to wait, for `rate_limited`. */
  retryAfter?: number;
  /** The scope to add to the API key, for `insufficient_scope`. */
  scope?: string;
  details?: unknown;
}

/** HTTP status for each error code; the one table REST and docs use. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  invalid_request: 400,
  egress_refused: 400,
  already_decided: 409,
  unauthorized: 401,
  signature_expired: 401,
  signature_replayed: 401,
  forbidden: 403,
  insufficient_scope: 403,
  command_disabled: 403,
  origin_not_allowed: 403,
  not_found: 404,
  conflict: 409,
  session_closed: 409,
  already_in_support: 409,
  not_in_support: 409,
  message_too_large: 413,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  llm_unavailable: 502,
  store_unavailable: 503,
  shutting_down: 503,
  starting: 503,
};
