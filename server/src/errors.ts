import type { FastifyError, FastifyReply, FastifyRequest, FastifySchemaValidationError } from 'fastify';
import Type, { type Static } from 'typebox';

/**
 * Loopline's one error catalogue (STYLE.md habit 10): every error the API
 * answers carries one of these stable codes, and the HTTP status follows
 * from the code. Clients switch on `code`, never on `message`.
 */
export const ERROR_CATALOGUE = {
  validation_failed: { status: 400, message: 'The request is invalid.' },
  invalid_json: { status: 400, message: 'The request body is not valid JSON.' },
  bad_request: { status: 400, message: 'The request cannot be processed.' },
  unauthorized: { status: 401, message: 'Sign in first.' },
  invalid_credentials: { status: 401, message: 'Wrong e-mail or password.' },
  forbidden: { status: 403, message: 'You may not do this.' },
  csrf_failed: { status: 403, message: 'The request lacks a valid CSRF token or comes from a foreign origin.' },
  not_found: { status: 404, message: 'Not found.' },
  conflict: { status: 409, message: 'The request conflicts with the current state.' },
  payload_too_large: { status: 413, message: 'The request body is too large.' },
  unsupported_media_type: { status: 415, message: 'Send JSON (content-type: application/json).' },
  rate_limited: { status: 429, message: 'Too many requests; try again later.' },
  internal: { status: 500, message: 'Internal server error.' },
  unavailable: { status: 503, message: 'The service is unavailable.' },
} as const satisfies Record<string, { status: number; message: string }>;

/** A stable error code of the catalogue. */
export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** The codes, for the response schema. */
export const ERROR_CODES = Object.keys(ERROR_CATALOGUE) as ErrorCode[];

/** One problem with one field of a request (or one row of an import, later). */
export const ErrorDetailSchema = Type.Object({
  /** Where: `<part>/<JSON pointer>`, e.g. `body/title` or `querystring/includeArchived`. */
  path: Type.String(),
  message: Type.String(),
});

/** The body of every error response. */
export const ErrorResponseSchema = Type.Object(
  {
    error: Type.Object({
      code: Type.Enum(ERROR_CODES),
      message: Type.String(),
      details: Type.Optional(Type.Array(ErrorDetailSchema)),
    }),
  },
  { $id: 'ErrorResponse', description: 'Every error: a stable code, a message, and per-field details for 400s.' },
);

export type ErrorDetail = Static<typeof ErrorDetailSchema>;
export type ErrorResponse = Static<typeof ErrorResponseSchema>;

/** An error the API answers with a catalogue code; thrown by handlers and plugins. */
export class AppError extends Error {
  readonly statusCode: number;
  constructor(
    readonly code: ErrorCode,
    message: string = ERROR_CATALOGUE[code].message,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
    this.name = 'AppError';
    this.statusCode = ERROR_CATALOGUE[code].status;
  }
}

/** Shorthand for the most common error: `notFound('series', id)`. */
export function notFound(entity: string, id: string): AppError {
  return new AppError('not_found', `No ${entity} with id ${id}.`);
}

/**
 * A pattern meaning "contains a non-space character". Titles and names use it
 * so that "   " fails validation; handlers then trim. Named so the error
 * formatter can say "must not be blank" instead of echoing the regex.
 */
export const NON_BLANK_PATTERN = '\\S';

/**
 * Turns schema-validation errors (TypeBox's or Ajv's, both Ajv-shaped) into
 * one detail per field: missing and unknown fields are named individually,
 * the per-branch noise of a failed anyOf is folded into one line.
 */
export function validationDetails(context: string, errors: FastifySchemaValidationError[]): ErrorDetail[] {
  const anyOfBases = errors
    .filter((e) => e.keyword === 'anyOf')
    .map((e) => ({ path: e.instancePath, base: `${e.schemaPath.replace(/\/anyOf$/, '')}/anyOf/` }));
  const branchOf = (e: FastifySchemaValidationError) =>
    anyOfBases.find((a) => a.path === e.instancePath && e.schemaPath.startsWith(a.base));
  const out: ErrorDetail[] = [];
  const push = (pointer: string, message: string) => {
    const path = `${context}${pointer}`;
    if (!out.some((d) => d.path === path && d.message === message)) out.push({ path, message });
  };
  for (const e of errors) {
    const params = (e.params ?? {}) as Record<string, unknown>;
    if (branchOf(e)) continue;
    switch (e.keyword) {
      case 'required':
        for (const name of namesParam(params.requiredProperties ?? params.missingProperty))
          push(`${e.instancePath}/${name}`, 'is required');
        break;
      case 'additionalProperties':
        for (const name of namesParam(params.additionalProperties ?? params.additionalProperty))
          push(`${e.instancePath}/${name}`, 'is not an allowed field');
        break;
      case 'boolean':
        // TypeBox reports each unknown field twice (`additionalProperties: false`
        // is also a false schema); the additionalProperties entry names it.
        break;
      case 'pattern':
        push(e.instancePath, params.pattern === NON_BLANK_PATTERN ? 'must not be blank' : (e.message ?? 'is invalid'));
        break;
      case 'enum':
        push(e.instancePath, `must be one of: ${namesParam(params.allowedValues).join(', ')}`);
        break;
      case 'anyOf': {
        const base = `${e.schemaPath.replace(/\/anyOf$/, '')}/anyOf/`;
        const branches = errors.filter((b) => b.instancePath === e.instancePath && b.schemaPath.startsWith(base));
        const messages = [...new Set(branches.map((b) => b.message ?? ''))].filter(Boolean);
        push(e.instancePath, messages.length > 0 ? messages.join(' or ') : (e.message ?? 'is invalid'));
        break;
      }
      default:
        push(e.instancePath, e.message ?? 'is invalid');
    }
  }
  return out;
}

function namesParam(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return value === undefined ? [] : [String(value)];
}

// The code for another library's 4xx error that carries only a status (400 is
// `bad_request`: `validation_failed` is reserved for schema failures with details).
const CODE_FOR_STATUS: Partial<Record<number, ErrorCode>> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

/** Maps any thrown value to the catalogue: AppErrors as they are, Fastify's own errors by code. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const fe = error as Partial<FastifyError> & { name?: string };
  if (fe.validation) {
    const context = fe.validationContext ?? 'request';
    const details = validationDetails(context, fe.validation);
    const summary = details.map((d) => `${d.path} ${d.message}`).join('; ');
    return new AppError('validation_failed', `Invalid ${context}: ${summary}`, details);
  }
  switch (fe.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('invalid_json', fe.message);
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('payload_too_large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('unsupported_media_type');
    case 'ST_NOT_FOUND':
      // StorageNotFoundError: a write named a parent row that is gone (e.g. a race with a delete).
      return new AppError('not_found', fe.message);
    case 'ST_CONFLICT':
      // StorageConflictError: a uniqueness rule (e.g. an e-mail already taken).
      return new AppError('conflict', fe.message);
  }
  if (fe.name === 'SyntaxError' && fe.statusCode === 400) return new AppError('invalid_json', fe.message);
  const status = typeof fe.statusCode === 'number' ? fe.statusCode : 500;
  if (status >= 400 && status < 500) return new AppError(CODE_FOR_STATUS[status] ?? 'bad_request', fe.message || undefined);
  return new AppError('internal');
}

/** The JSON body for an AppError. */
export function errorBody(error: AppError): ErrorResponse {
  return {
    error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) },
  };
}

/** Fastify error handler: logs server faults with their stack, answers every error in the catalogue shape. */
export function errorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const appError = toAppError(error);
  if (appError.statusCode >= 500) request.log.error({ err: error }, 'request failed');
  else request.log.info({ code: appError.code, message: appError.message }, 'request rejected');
  return reply.status(appError.statusCode).type('application/json; charset=utf-8').send(errorBody(appError));
}

/** Fastify not-found handler: unknown routes answer 404 in the catalogue shape. */
export function notFoundHandler(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const error = new AppError('not_found', `No route ${request.method} ${request.url.split('?')[0]}.`);
  return reply.status(404).send(errorBody(error));
}
