import { describe, expect, it } from 'vitest';
import { AppError, ERROR_CATALOGUE, errorBody, toAppError, validationDetails } from '../../src/errors.js';

describe('error catalogue', () => {
  it('[API2] codes map to fixed statuses; AppError carries both', () => {
    const err = new AppError('conflict', 'already locked');
    expect([err.statusCode, err.code, err.message]).toEqual([409, 'conflict', 'already locked']);
    expect(errorBody(err)).toEqual({ error: { code: 'conflict', message: 'already locked' } });
    expect(ERROR_CATALOGUE.validation_failed.status).toBe(400);
    expect(ERROR_CATALOGUE.not_found.status).toBe(404);
    expect(ERROR_CATALOGUE.payload_too_large.status).toBe(413);
    expect(ERROR_CATALOGUE.internal.status).toBe(500);
  });

  it('[API2] unexpected errors become `internal` without leaking their message', () => {
    const err = toAppError(new Error('SQLITE_CORRUPT at /secret/path'));
    expect(err.code).toBe('internal');
    expect(err.message).not.toContain('secret');
  });

  it('[API3] folds a failed anyOf into one line and names missing and unknown fields', () => {
    const details = validationDetails('body', [
      { keyword: 'type', schemaPath: '#/properties/a/anyOf/0', instancePath: '/a', params: { type: 'string' }, message: 'must be string' },
      { keyword: 'type', schemaPath: '#/properties/a/anyOf/1', instancePath: '/a', params: { type: 'null' }, message: 'must be null' },
      { keyword: 'anyOf', schemaPath: '#/properties/a', instancePath: '/a', params: {}, message: 'must match a schema in anyOf' },
      { keyword: 'required', schemaPath: '#', instancePath: '', params: { requiredProperties: ['title', 'language'] }, message: '' },
      { keyword: 'boolean', schemaPath: '#/additionalProperties', instancePath: '/x', params: {}, message: 'schema is false' },
      { keyword: 'additionalProperties', schemaPath: '#', instancePath: '', params: { additionalProperties: ['x'] }, message: '' },
    ]);
    expect(details).toEqual([
      { path: 'body/a', message: 'must be string or must be null' },
      { path: 'body/title', message: 'is required' },
      { path: 'body/language', message: 'is required' },
      { path: 'body/x', message: 'is not an allowed field' },
    ]);
  });
});

describe('errors from other libraries', () => {
  it('[API2] a bare 4xx keeps its status under the matching code; 400 is bad_request, not validation_failed', () => {
    const withStatus = (statusCode: number) => Object.assign(new Error('nope'), { statusCode });
    expect(toAppError(withStatus(400)).code).toBe('bad_request');
    expect(toAppError(withStatus(404)).code).toBe('not_found');
    expect(toAppError(withStatus(418))).toMatchObject({ code: 'bad_request', statusCode: 400 });
  });
});
