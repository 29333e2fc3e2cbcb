import { afterEach, describe, expect, it } from 'vitest';
import { editorLocales } from '../editor';
import { createI18n } from './instance';
import { detectLanguage, LANGUAGE_STORAGE_KEY } from './language';
import { en } from './locales/en';
import { zh } from './locales/zh';

/** Every leaf key path of a nested message object, sorted. */
function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value)
    .flatMap(([k, v]) => keysOf(v, prefix ? `${prefix}.${k}` : k))
    .sort();
}

function emptyLeaves(value: unknown, prefix = ''): string[] {
  return keysOf(value, prefix).filter((path) => {
    const leaf = path.split('.').reduce<unknown>((node, k) => (node as Record<string, unknown>)[k], value);
    return typeof leaf !== 'string' || leaf.trim() === '';
  });
}

describe('i18n', () => {
  afterEach(() => localStorage.clear());

  it('[UI1] en and zh app messages have exactly the same keys', () => {
    expect(keysOf(zh)).toEqual(keysOf(en));
  });

  it('[UI1] the editor namespace has the same keys in both languages (plural forms folded)', () => {
    // English has `_one`/`_other`, Chinese only `_other`: compare the base keys.
    const base = (keys: string[]) => [...new Set(keys.map((k) => k.replace(/_(zero|one|two|few|many|other)$/, '')))].sort();
    expect(base(keysOf(editorLocales.zh))).toEqual(base(keysOf(editorLocales.en)));
  });

  it('[UI1] the app instance serves both namespaces', () => {
    const i18n = createI18n({ language: 'zh', editor: editorLocales, sideEffects: false });
    expect(i18n.hasResourceBundle('zh', 'editor')).toBe(true);
    expect(i18n.hasResourceBundle('en', 'app')).toBe(true);
  });

  it('[UI1] no message is empty in either language', () => {
    expect(emptyLeaves(en)).toEqual([]);
    expect(emptyLeaves(zh)).toEqual([]);
  });

  it('[UI1] interpolation variables match between languages', () => {
    const vars = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
    const leaf = (obj: unknown, path: string) => path.split('.').reduce<unknown>((n, k) => (n as Record<string, unknown>)[k], obj) as string;
    for (const path of keysOf(en)) {
      expect(vars(leaf(zh, path)), path).toEqual(vars(leaf(en, path)));
    }
  });

  it('[UI2] the stored choice wins, then the browser language (zh* → zh), then English', () => {
    expect(detectLanguage({ stored: 'zh', browser: ['en-US'] })).toBe('zh');
    expect(detectLanguage({ stored: null, browser: ['zh-TW'] })).toBe('zh');
    expect(detectLanguage({ stored: null, browser: ['zh-Hans-CN'] })).toBe('zh');
    expect(detectLanguage({ stored: null, browser: ['en-GB'] })).toBe('en');
    expect(detectLanguage({ stored: null, browser: ['fr-FR', 'de'] })).toBe('en');
    expect(detectLanguage({ stored: 'garbage', browser: [] })).toBe('en');
  });

  it('[UI2] switching language persists the choice and sets <html lang>', async () => {
    const i18n = createI18n({ language: 'en' });
    expect(i18n.t('series.create')).toBe('Create series');
    await i18n.changeLanguage('zh');
    expect(i18n.t('series.create')).toBe('创建剧集');
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('zh');
    expect(document.documentElement.lang).toBe('zh-CN');
    const next = createI18n();
    expect(next.language).toBe('zh');
  });

  it('[UI2] a missing key falls back to English', () => {
    const i18n = createI18n({ language: 'zh', sideEffects: false });
    i18n.addResource('en', 'app', 'onlyEnglish', 'Only in English');
    expect(i18n.t('onlyEnglish')).toBe('Only in English');
  });
});
