/**
 * Test helpers for rendering the UI into happy-dom without extra libraries:
 * createRoot + act, a mocked fetch keyed by "METHOD /path", and an event-free
 * wait that flushes React and pending promises (no timers, no sleeps).
 */
import type { i18n as I18n } from 'i18next';
import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { vi } from 'vitest';
import { createI18n } from '../i18n/instance';
import type { UiLanguage } from '../i18n/language';

// React only batches and warns correctly inside act() when this flag is set.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** A rendered tree and the handles a test needs. */
export interface Rendered {
  container: HTMLElement;
  i18n: I18n;
  unmount: () => void;
}

/** Renders `ui` inside the app's providers at `path` (MemoryRouter). */
export async function render(ui: ReactNode, opts: { language?: UiLanguage; path?: string; persistLanguage?: boolean } = {}): Promise<Rendered> {
  const i18n = createI18n({ language: opts.language ?? 'en', sideEffects: opts.persistLanguage ?? false });
  const container = document.createElement('div');
  document.body.appendChild(container);
  let root: Root | undefined;
  await act(async () => {
    root = createRoot(container);
    root.render(
      <I18nextProvider i18n={i18n}>
        <MemoryRouter initialEntries={[opts.path ?? '/']}>{ui}</MemoryRouter>
      </I18nextProvider>,
    );
  });
  return {
    container,
    i18n,
    unmount: () => {
      act(() => root?.unmount());
      container.remove();
    },
  };
}

/**
 * Flushes React work and resolved promises until `check` passes, failing
 * after a bounded number of rounds. Mocked fetches resolve in microtasks, so
 * no timers are involved.
 */
export async function waitFor<T>(check: () => T | null | undefined | false, rounds = 50): Promise<T> {
  for (let i = 0; i < rounds; i++) {
    const value = check();
    if (value) return value;
    await act(async () => {
      await Promise.resolve();
    });
  }
  const value = check();
  if (value) return value;
  throw new Error(`waitFor: condition not met after ${rounds} rounds:\n${document.body.innerHTML.slice(0, 2000)}`);
}

/** Queries one element by data-testid (throws when missing, so failures say what was expected). */
export function byTestId<E extends HTMLElement = HTMLElement>(root: ParentNode, id: string): E {
  const el = root.querySelector<E>(`[data-testid="${id}"]`);
  if (!el) throw new Error(`no element with data-testid="${id}"`);
  return el;
}

/** All elements with a data-testid. */
export function allByTestId<E extends HTMLElement = HTMLElement>(root: ParentNode, id: string): E[] {
  return [...root.querySelectorAll<E>(`[data-testid="${id}"]`)];
}

/** Clicks inside act(). */
export async function click(el: HTMLElement): Promise<void> {
  await act(async () => {
    el.click();
  });
}

/** Types into a controlled input the way React notices (native value setter + input event). */
export async function typeInto(el: HTMLInputElement | HTMLTextAreaElement, value: string): Promise<void> {
  await act(async () => {
    const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(el, value);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

/** Presses a key on an element inside act(). */
export async function press(el: HTMLElement, key: string): Promise<void> {
  await act(async () => {
    el.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
  });
}

/** Submits a form inside act(). */
export async function submit(form: HTMLFormElement): Promise<void> {
  await act(async () => {
    form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
}

/** One recorded request of the fetch mock. */
export interface RecordedCall {
  method: string;
  url: string;
  body: unknown;
  credentials: RequestCredentials | undefined;
}

/** A route's answer: status + JSON body, or a function of the request body. */
export type MockAnswer = { status?: number; body?: unknown } | ((body: unknown, url: string) => { status?: number; body?: unknown });

/**
 * Replaces global fetch with a router keyed by "METHOD /path" (query string
 * included when the key has one). Unknown routes answer 404 in the server's
 * error shape, so a missing mock shows up as a visible error, not a hang.
 */
export function mockFetch(routes: Record<string, MockAnswer>) {
  const calls: RecordedCall[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    const method = (init.method ?? 'GET').toUpperCase();
    const body = typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    calls.push({ method, url, body, credentials: init.credentials });
    const answer = routes[`${method} ${url}`] ?? routes[`${method} ${url.split('?')[0]}`];
    const { status = 200, body: out } = answer
      ? typeof answer === 'function'
        ? answer(body, url)
        : answer
      : { status: 404, body: { error: { code: 'not_found', message: `No mock for ${method} ${url}` } } };
    return new Response(out === undefined ? null : JSON.stringify(out), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return { calls, fetchMock };
}
