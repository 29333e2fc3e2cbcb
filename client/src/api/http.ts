/** One field-level problem reported by the server (`details[]` of an error body). */
export interface ApiErrorDetail {
  path: string;
  message: string;
}

/** Codes the client itself produces when the server gave no error body. */
export const CLIENT_ERROR_CODES = {
  network: 'NETWORK_ERROR',
  badResponse: 'BAD_RESPONSE',
} as const;

/**
 * Every failed API call throws this: the server's stable `code`, its message,
 * field details for 4xx validation errors, and the HTTP status (0 = no response).
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  /** Seconds to wait before trying again (from `Retry-After` on a 429), when the server said. */
  retryAfterSeconds: number | undefined;
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly details: ApiErrorDetail[] = [],
  ) {
    super(message);
  }
}

/**
 * The one 401 the app must not treat as "signed out": a sign-in or password
 * check with a wrong password (the session, if any, is still fine).
 */
export const INVALID_CREDENTIALS = 'invalid_credentials';

/**
 * What the API layer knows about the session: the CSRF token to send on
 * writes and who to tell when the server says the session is gone. Kept in
 * this module because every request needs it and the cookie itself is
 * HttpOnly (unreadable by script); the session provider fills it in.
 */
const auth: { csrfToken: string | null; unauthorizedListeners: Set<(error: ApiError) => void> } = {
  csrfToken: null,
  unauthorizedListeners: new Set(),
};

/** Sets the token sent as `x-csrf-token` on every state-changing request (null after sign-out) [UA1]. */
export function setCsrfToken(token: string | null): void {
  auth.csrfToken = token;
}

/** The current CSRF token (tests and diagnostics). */
export function csrfToken(): string | null {
  return auth.csrfToken;
}

/**
 * Registers a listener for "the session is gone" (any 401 except a wrong
 * password) [UA2]; returns the function that removes it.
 */
export function onUnauthorized(listener: (error: ApiError) => void): () => void {
  auth.unauthorizedListeners.add(listener);
  return () => auth.unauthorizedListeners.delete(listener);
}

/** Parses `Retry-After` (seconds or an HTTP date) into whole seconds from now. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function parseDetails(value: unknown): ApiErrorDetail[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).map((d) => ({
    path: typeof d.path === 'string' ? d.path : '',
    message: typeof d.message === 'string' ? d.message : String(d.message ?? ''),
  }));
}

/**
 * Turns a non-2xx response body into an ApiError. Bodies that are not the
 * server's `{ error: { code, message, details? } }` shape (a proxy's HTML page,
 * an empty 502) still yield an error with an `HTTP_<status>` code.
 */
export function errorFromBody(status: number, statusText: string, body: unknown): ApiError {
  const error = isRecord(body) ? body.error : undefined;
  if (isRecord(error) && typeof error.code === 'string') {
    const message = typeof error.message === 'string' ? error.message : error.code;
    return new ApiError(error.code, message, status, parseDetails(error.details));
  }
  return new ApiError(`HTTP_${status}`, statusText || `HTTP ${status}`, status);
}

// The request part the server prefixes to a detail's JSON pointer (`body/title`).
const REQUEST_PARTS = new Set(['body', 'querystring', 'query', 'params', 'headers']);

/** Makes a field path readable: "/body/title" or "body.aliases.0" → "title" / "aliases.0". */
export function fieldOfPath(path: string): string {
  const parts = path.split(/[/.]/).filter((p) => p !== '');
  if (parts.length > 1 && REQUEST_PARTS.has(parts[0] ?? '')) parts.shift();
  return parts.join('.');
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** HTTP methods the REST API uses. */
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

function headersFor(method: Method, hasBody: boolean): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (hasBody) headers['content-type'] = 'application/json';
  // Reads carry no token: it only proves a write came from this page [UA1].
  if (method !== 'GET' && auth.csrfToken !== null) headers['x-csrf-token'] = auth.csrfToken;
  return headers;
}

/**
 * Calls the JSON API and returns the parsed body typed as `T` (trusting the
 * server's route schemas). 204 / empty bodies resolve to undefined.
 * The session travels as a same-origin HttpOnly cookie; writes add the CSRF
 * token; a 401 tells the session provider the user must sign in again.
 */
export function request<T>(method: Method, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  return send<T>(method, path, headersFor(method, body !== undefined), body === undefined ? undefined : JSON.stringify(body), signal);
}

/**
 * Sends a file or blob as the raw request body (issue 4's streaming import
 * upload: the browser streams it, nothing is read into memory here), with
 * the same CSRF, error and 401 handling as {@link request}.
 */
export function upload<T>(path: string, body: Blob, contentType: string, signal?: AbortSignal): Promise<T> {
  const headers = headersFor('POST', false);
  headers['content-type'] = contentType;
  return send<T>('POST', path, headers, body, signal);
}

async function send<T>(method: Method, path: string, headers: Record<string, string>, body: BodyInit | undefined, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers,
      ...(body === undefined ? {} : { body }),
      ...(signal ? { signal } : {}),
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(CLIENT_ERROR_CODES.network, cause instanceof Error ? cause.message : String(cause), 0);
  }
  const parsed = await readJson(response);
  if (!response.ok) {
    const error = errorFromBody(response.status, response.statusText, parsed);
    if (response.status === 429) error.retryAfterSeconds = parseRetryAfter(response.headers.get('retry-after'));
    if (response.status === 401 && error.code !== INVALID_CREDENTIALS) {
      for (const listener of [...auth.unauthorizedListeners]) listener(error);
    }
    throw error;
  }
  return parsed as T;
}

/**
 * Reads a list response. The server wraps lists in an object named after the
 * collection (`{ series: [...] }`, `{ episodes: [...] }`) so they can grow
 * fields (paging) without breaking clients; a bare array is accepted too.
 */
export function unwrapList<T>(body: unknown, key: string): T[] {
  if (Array.isArray(body)) return body as T[];
  const inner = isRecord(body) ? body[key] : undefined;
  if (Array.isArray(inner)) return inner as T[];
  throw new ApiError(CLIENT_ERROR_CODES.badResponse, `Expected a list of ${key}`, 200);
}

/** Builds a query string from defined, truthy-or-false values (`?includeArchived=true`). */
export function query(params: Record<string, string | number | boolean | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== false) search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
