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
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly details: ApiErrorDetail[] = [],
  ) {
    super(message);
  }
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
export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/**
 * Calls the JSON API and returns the parsed body typed as `T` (trusting the
 * server's route schemas). 204 / empty bodies resolve to undefined.
 * Cookies go with same-origin requests so auth (issue 3) needs no change here.
 */
export async function request<T>(method: Method, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      ...(signal ? { signal } : {}),
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(CLIENT_ERROR_CODES.network, cause instanceof Error ? cause.message : String(cause), 0);
  }
  const parsed = await readJson(response);
  if (!response.ok) throw errorFromBody(response.status, response.statusText, parsed);
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
