/**
 * The logging surface the collab modules use: a structural subset of pino's
 * (Fastify's) logger, so rooms can be driven by tests and benchmarks without
 * a Fastify instance.
 */
export interface CollabLogger {
  debug(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** A logger that discards everything (benchmarks, quiet tests). */
export const silentLogger: CollabLogger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
};
