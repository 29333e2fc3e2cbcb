import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockFetch } from '../ui/testing';
import { deleteBibleEntry } from './bible';
import { ApiError, CLIENT_ERROR_CODES, errorFromBody, fieldOfPath, request, unwrapList } from './http';
import { listSeries } from './series';

describe('api client', () => {
  afterEach(() => vi.unstubAllGlobals());

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
});
