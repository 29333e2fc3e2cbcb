import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../api/http';
import { ErrorMessage } from './ErrorMessage';
import { reasonKey } from './errorReasons';
import { type Rendered, render } from './testing';

describe('ErrorMessage', () => {
  let view: Rendered | undefined;
  afterEach(() => view?.unmount());

  it('[UI5] server reasons map to translation keys with their parameters', () => {
    expect(reasonKey('must NOT have more than 200 characters')).toEqual({ key: 'errors.reasons.tooLong', params: { max: '200' } });
    expect(reasonKey('must be one of: draft, in_review')).toEqual({ key: 'errors.reasons.oneOf', params: { values: 'draft, in_review' } });
    expect(reasonKey('is required')?.key).toBe('errors.reasons.required');
    expect(reasonKey('something new')).toBeNull();
  });

  it('[UI5] lists each invalid field with its reason in the interface language', async () => {
    const error = new ApiError('validation_failed', 'Invalid body', 400, [
      { path: 'body/title', message: 'must NOT have more than 200 characters' },
      { path: 'body/status', message: 'must be one of: draft, in_review, locked, aired' },
      { path: 'body/color', message: 'is not an allowed field' },
      { path: 'body/extra', message: 'an unknown reason' },
    ]);
    view = await render(<ErrorMessage error={error} />, { language: 'zh' });
    const items = [...view.container.querySelectorAll('li')].map((li) => li.textContent);
    expect(items).toEqual([
      '标题: 不能超过 200 个字符',
      '状态: 必须是以下之一：draft, in_review, locked, aired',
      'color: 不是允许的字段',
      'extra: an unknown reason',
    ]);
    expect(view.container.textContent).toContain('以下字段需要修改');
  });

  it('[UI5] a network failure and an unknown code read sensibly', async () => {
    view = await render(
      <>
        <ErrorMessage error={new ApiError('NETWORK_ERROR', 'Failed to fetch', 0)} />
        <ErrorMessage error={new ApiError('HTTP_502', 'Bad Gateway', 502)} />
      </>,
    );
    const alerts = [...view.container.querySelectorAll('[role="alert"]')].map((a) => a.textContent ?? '');
    expect(alerts[0]).toContain('Cannot reach the server');
    expect(alerts[1]).toContain('Bad Gateway');
  });
});
