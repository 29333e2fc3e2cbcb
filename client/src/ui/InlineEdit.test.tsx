import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InlineEdit } from './InlineEdit';
import { byTestId, click, press, type Rendered, render, typeInto } from './testing';

describe('InlineEdit', () => {
  let view: Rendered | undefined;
  afterEach(() => view?.unmount());

  const open = async (onSave: (v: string) => Promise<unknown>) => {
    view = await render(<InlineEdit value="Old" label="Title" onSave={onSave} testId="f" />);
    await click(byTestId(view.container, 'f'));
    return byTestId<HTMLInputElement>(view.container, 'f-input');
  };

  it('[UI12] Escape cancels without saving', async () => {
    const onSave = vi.fn(async () => undefined);
    const input = await open(onSave);
    await typeInto(input, 'New');
    await press(input, 'Escape');
    expect(onSave).not.toHaveBeenCalled();
    expect(byTestId(view!.container, 'f').textContent).toBe('Old');
  });

  it('[UI12] an Enter that confirms an IME candidate does not save; a plain Enter does', async () => {
    const onSave = vi.fn(async () => undefined);
    const input = await open(onSave);
    await typeInto(input, '新标题');
    await act(async () => {
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, isComposing: true }));
    });
    expect(onSave).not.toHaveBeenCalled();
    await press(input, 'Enter');
    expect(onSave).toHaveBeenCalledWith('新标题');
  });

  it('[UI12] unchanged or blank values are not sent', async () => {
    const onSave = vi.fn(async () => undefined);
    const input = await open(onSave);
    await typeInto(input, '   ');
    await press(input, 'Enter');
    expect(onSave).not.toHaveBeenCalled();
  });

  it('[UI12] a failed save keeps the field open with the typed text', async () => {
    const onSave = vi.fn(async () => Promise.reject(new Error('nope')));
    const input = await open(onSave);
    await typeInto(input, 'Typed');
    await press(input, 'Enter');
    expect(onSave).toHaveBeenCalledOnce();
    expect(byTestId<HTMLInputElement>(view!.container, 'f-input').value).toBe('Typed');
  });
});
