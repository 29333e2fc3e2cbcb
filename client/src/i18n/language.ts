/** Interface languages Loopline ships; the script language is a separate, per-series choice. */
export const UI_LANGUAGES = ['zh', 'en'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

/** localStorage key holding the interface language the user picked. */
export const LANGUAGE_STORAGE_KEY = 'loopline.language';

/** BCP 47 locale used for Intl formatting and the document's `lang`. */
export function localeOf(language: UiLanguage): string {
  return language === 'zh' ? 'zh-CN' : 'en';
}

/** Maps any language tag to a supported interface language (zh*, else en). */
export function normalizeLanguage(tag: string | null | undefined): UiLanguage | null {
  if (!tag) return null;
  const lower = tag.toLowerCase();
  if (lower.startsWith('zh')) return 'zh';
  if (lower.startsWith('en')) return 'en';
  return null;
}

/** Where the initial language comes from; injectable so the choice is testable. */
export interface LanguageSources {
  stored: string | null;
  browser: readonly string[];
}

/**
 * Picks the start-up language: the stored choice wins, then the first
 * browser language we support, then English.
 */
export function detectLanguage({ stored, browser }: LanguageSources): UiLanguage {
  const fromStorage = normalizeLanguage(stored);
  if (fromStorage) return fromStorage;
  for (const tag of browser) {
    const lang = normalizeLanguage(tag);
    if (lang) return lang;
  }
  return 'en';
}

/** Reads the language sources of the running browser, tolerating blocked storage. */
export function browserLanguageSources(): LanguageSources {
  let stored: string | null = null;
  try {
    stored = globalThis.localStorage?.getItem(LANGUAGE_STORAGE_KEY) ?? null;
  } catch {
    // Storage can throw in private modes; fall back to the browser language.
  }
  const nav = globalThis.navigator;
  const browser = nav ? (nav.languages?.length ? nav.languages : [nav.language]) : [];
  return { stored, browser };
}

/** Remembers the user's choice; failures (private mode) only cost persistence. */
export function storeLanguage(language: UiLanguage): void {
  try {
    globalThis.localStorage?.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Not fatal: the choice still applies to this tab.
  }
}
