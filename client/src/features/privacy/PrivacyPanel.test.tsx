import { afterEach, describe, expect, it, vi } from 'vitest';
import { allByTestId, byTestId, click, mockFetch, type Rendered, render, submit, typeInto, waitFor } from '../../ui/testing';
import { PrivacyPanel } from './PrivacyPanel';
import { parseRetentionDays } from './RetentionForm';

describe('PrivacyPanel', () => {
  let view: Rendered | undefined;
  afterEach(() => {
    view?.unmount();
    vi.unstubAllGlobals();
  });

  it('[UF12] retention days: blank keeps, whole days ≥ 1, anything else is refused', () => {
    expect(parseRetentionDays('')).toBeNull();
    expect(parseRetentionDays(' 90 ')).toBe(90);
    expect(parseRetentionDays('0')).toBeUndefined();
    expect(parseRetentionDays('1.5')).toBeUndefined();
  });

  it('[UF12] saves the retention period and applies it after confirming', async () => {
    const { calls } = mockFetch({
      'GET /api/series/s1/privacy': { body: { retentionDays: 180 } },
      'PUT /api/series/s1/privacy': { body: { retentionDays: 90 } },
      'POST /api/series/s1/privacy/apply-retention': { body: { deleted: 1234 } },
    });
    view = await render(<PrivacyPanel seriesId="s1" />);
    const days = await waitFor(() => view!.container.querySelector<HTMLInputElement>('[data-testid="privacy-retention-days"]'));
    expect(days.value).toBe('180');
    await typeInto(days, '90');
    await click(byTestId(view.container, 'privacy-save'));
    expect((await waitFor(() => calls.find((c) => c.method === 'PUT'))).body).toEqual({ retentionDays: 90 });
    await click(byTestId(view.container, 'privacy-apply'));
    expect(calls.some((c) => c.url.endsWith('apply-retention'))).toBe(false);
    await click(byTestId(view.container, 'privacy-apply-confirm'));
    const note = await waitFor(() => view!.container.querySelector<HTMLElement>('[data-testid="privacy-applied"]'));
    expect(note.textContent).toBe('1,234 items deleted.');
  });

  it('[UF12] erases a viewer only after confirming, says how many items went and clears the handle', async () => {
    const { calls } = mockFetch({
      'GET /api/series/s1/privacy': { body: { retentionDays: null } },
      'POST /api/series/s1/erasure': { body: { itemsDeleted: 37 } },
    });
    view = await render(<PrivacyPanel seriesId="s1" />);
    await waitFor(() => view!.container.querySelector('[data-testid="privacy-retention-days"]'));
    await typeInto(byTestId<HTMLInputElement>(view.container, 'erasure-handle'), ' 小明同学 ');
    await submit(byTestId<HTMLFormElement>(view.container, 'erasure-form'));
    expect(byTestId(view.container, 'erasure-confirm-dialog').textContent).toContain('“小明同学”');
    expect(calls.some((c) => c.url.endsWith('/erasure'))).toBe(false);
    await click(byTestId(view.container, 'erasure-confirm'));
    const result = await waitFor(() => view!.container.querySelector<HTMLElement>('[data-testid="erasure-result"]'));
    expect(result.textContent).toBe('37 items erased.');
    expect(calls.find((c) => c.url.endsWith('/erasure'))?.body).toEqual({ handle: '小明同学' });
    expect(byTestId<HTMLInputElement>(view.container, 'erasure-handle').value).toBe('');
    expect(allByTestId(view.container, 'erasure-confirm-dialog')).toEqual([]);
  });
});
