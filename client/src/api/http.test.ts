import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockFetch } from '../ui/testing';
import { getSession, login, logout } from './auth';
import { deleteBibleEntry } from './bible';
import { ApiError, CLIENT_ERROR_CODES, errorFromBody, fieldOfPath, onUnauthorized, parseRetryAfter, request, setCsrfToken, unwrapList } from './http';
import { listSeries } from './series';

describe('api client', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    setCsrfToken(null);
  });

  it('[UI4] a catalogue error body becomes an ApiError with code, message, status and field details', async () => {
    mockFetch({
      'POST /api/series': {
        status: 400,
        body: {
          error: {
            code: 'validation_failed',
            message: 'Invalid body: body/title must not be blank',
            details: [{ path: 'body/title', message: 'must not be blank' }],
          },
        },
      },
    });
    const error = await request('POST', '/api/series', { title: ' ', language: 'zh' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.code).toBe('validation_failed');
    expect(apiError.status).toBe(400);
    expect(apiError.message).toBe('Invalid body: body/title must not be blank');
    expect(apiError.details).toEqual([{ path: 'body/title', message: 'must not be blank' }]);
  });

  it('[UI4] a body that is not the error shape still yields an HTTP_<status> error', () => {
    const e = errorFromBody(502, 'Bad Gateway', undefined);
    expect(e.code).toBe('HTTP_502');
    expect(e.message).toBe('Bad Gateway');
    expect(errorFromBody(500, '', { error: 'boom' }).code).toBe('HTTP_500');
  });

  it('[UI4] malformed details are tolerated', () => {
    const e = errorFromBody(400, '', { error: { code: 'validation_failed', message: 'x', details: [{ path: 3 }, 'junk', { message: 'm' }] } });
    expect(e.details).toEqual([
      { path: '', message: '' },
      { path: '', message: 'm' },
    ]);
  });

  it('[UI4] a network failure is an ApiError with the NETWORK code and status 0', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    const error = (await request('GET', '/api/series').catch((e: unknown) => e)) as ApiError;
    expect(error.code).toBe(CLIENT_ERROR_CODES.network);
    expect(error.status).toBe(0);
  });

  it('[UI6] requests send same-origin credentials and JSON bodies', async () => {
    const { calls } = mockFetch({ 'GET /api/series': { body: { series: [] } } });
    await listSeries({ includeArchived: true });
    expect(calls).toEqual([{ method: 'GET', url: '/api/series?includeArchived=true', body: undefined, credentials: 'same-origin' }]);
  });

  it('[UI4] a 204 resolves without a body', async () => {
    mockFetch({ 'DELETE /api/series/s1/bible/characters/c1': { status: 204 } });
    await expect(deleteBibleEntry('s1', 'characters', 'c1')).resolves.toBeUndefined();
  });

  it('[UI4] lists are read from the wrapped shape or a bare array', () => {
    expect(unwrapList<number>({ series: [1, 2] }, 'series')).toEqual([1, 2]);
    expect(unwrapList<number>([3], 'series')).toEqual([3]);
    expect(() => unwrapList({ other: [] }, 'series')).toThrow(ApiError);
  });

  it('[UI5] field paths lose their request part', () => {
    expect(fieldOfPath('body/title')).toBe('title');
    expect(fieldOfPath('/body/aliases/0')).toBe('aliases.0');
    expect(fieldOfPath('querystring/includeArchived')).toBe('includeArchived');
    expect(fieldOfPath('name')).toBe('name');
  });

  /** The headers of the n-th fetch call. */
  const headersOf = (fetchMock: ReturnType<typeof mockFetch>['fetchMock'], n: number) => (fetchMock.mock.calls[n]?.[1]?.headers ?? {}) as Record<string, string>;

  it('[UA1] writes carry x-csrf-token from the session; reads never do', async () => {
    const { fetchMock } = mockFetch({
      'GET /api/auth/session': { body: { user: { id: 'u1', email: 'a@b.c', displayName: 'A', isAdmin: false }, setupRequired: false, csrfToken: 'tok-1' } },
      'GET /api/series': { body: { series: [] } },
      'POST /api/series': { status: 201, body: {} },
      'PATCH /api/series/s1': { body: {} },
      'PUT /api/x': { body: {} },
      'DELETE /api/series/s1/bible/characters/c1': { status: 204 },
    });
    await getSession();
    await listSeries();
    await request('POST', '/api/series', { title: 't', language: 'zh' });
    await request('PATCH', '/api/series/s1', { title: 'u' });
    await request('PUT', '/api/x', {});
    await deleteBibleEntry('s1', 'characters', 'c1');
    expect(headersOf(fetchMock, 0)['x-csrf-token']).toBeUndefined();
    expect(headersOf(fetchMock, 1)['x-csrf-token']).toBeUndefined();
    for (const n of [2, 3, 4, 5]) expect(headersOf(fetchMock, n)['x-csrf-token'], `call ${n}`).toBe('tok-1');
  });

  it('[UA1] sign-in replaces the token and sign-out forgets it', async () => {
    const { fetchMock } = mockFetch({
      'POST /api/auth/login': { body: { user: { id: 'u1', email: 'a@b.c', displayName: 'A', isAdmin: false }, csrfToken: 'tok-2' } },
      'POST /api/auth/logout': { status: 204 },
      'POST /api/series': { status: 201, body: {} },
    });
    setCsrfToken('stale');
    await login({ email: 'a@b.c', password: 'pw' });
    await logout();
    await request('POST', '/api/series', {});
    expect(headersOf(fetchMock, 1)['x-csrf-token']).toBe('tok-2');
    expect(headersOf(fetchMock, 2)['x-csrf-token']).toBeUndefined();
  });

  it('[UA2] a 401 tells the session listeners; a wrong password (invalid_credentials) does not', async () => {
    mockFetch({
      'GET /api/series': { status: 401, body: { error: { code: 'unauthorized', message: 'Sign in first' } } },
      'POST /api/auth/login': { status: 401, body: { error: { code: 'invalid_credentials', message: 'Wrong e-mail or password' } } },
    });
    const heard: string[] = [];
    const stop = onUnauthorized((e) => heard.push(e.code));
    await expect(login({ email: 'a@b.c', password: 'no' })).rejects.toMatchObject({ code: 'invalid_credentials', status: 401 });
    expect(heard).toEqual([]);
    await expect(listSeries()).rejects.toMatchObject({ code: 'unauthorized', status: 401 });
    expect(heard).toEqual(['unauthorized']);
    stop();
    await listSeries().catch(() => undefined);
    expect(heard).toHaveLength(1);
  });

  it('[UA4] a 429 carries the Retry-After wait in seconds', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(JSON.stringify({ error: { code: 'rate_limited', message: 'Too many' } }), { status: 429, headers: { 'retry-after': '42' } })),
    );
    const error = (await login({ email: 'a@b.c', password: 'x' }).catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(429);
    expect(error.retryAfterSeconds).toBe(42);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(10);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});
