/**
 * The smallest logger the engine needs. Methods (not arrow properties) so that pino's
 * overloaded `LogFn` is assignable to it; `console` fits as well.
 */
export interface EngineLogger {
  info(objOrMsg: unknown, ...rest: unknown[]): void;
  warn(objOrMsg: unknown, ...rest: unknown[]): void;
  error(objOrMsg: unknown, ...rest: unknown[]): void;
}

/** A logger that drops everything (the default when none is given). */
export const silentLogger: EngineLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
