import pino, { type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs; credentials are redacted wherever they might appear. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { svc: 'switchboard', pid: process.pid },
    redact: {
      paths: ['password', '*.password', 'token', '*.token', 'apiKey', '*.apiKey', 'authorization', '*.authorization', 'customerToken', '*.customerToken', 'secret', '*.secret'],
      censor: '[redacted]',
    },
  });
}
