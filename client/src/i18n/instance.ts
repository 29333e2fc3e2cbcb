import i18next, { type i18n as I18n, type ResourceLanguage } from 'i18next';
import { initReactI18next } from 'react-i18next';
import {
  browserLanguageSources,
  detectLanguage,
  localeOf,
  normalizeLanguage,
  storeLanguage,
  UI_LANGUAGES,
  type UiLanguage,
} from './language';
import { en } from './locales/en';
import { zh } from './locales/zh';

/** Namespace of the shell's own messages. */
export const APP_NS = 'app';
/** Namespace whose resources the editor module provides (`editorLocales`). */
export const EDITOR_NS = 'editor';

/** Options of {@link createI18n}. */
export interface CreateI18nOptions {
  /** Start-up language; detected from storage and the browser when omitted. */
  language?: UiLanguage | undefined;
  /** Resources of the `editor` namespace, per language. */
  editor?: Record<UiLanguage, ResourceLanguage> | undefined;
  /** Persist changes and mirror them to `<html lang>` (off in tests that do not want side effects). */
  sideEffects?: boolean;
}

/**
 * Creates a fresh, synchronously initialised i18next instance. One instance per
 * app (or per test), handed down with I18nextProvider: no module-level singleton.
 */
export function createI18n(options: CreateI18nOptions = {}): I18n {
  const { editor, sideEffects = true } = options;
  const language = options.language ?? detectLanguage(browserLanguageSources());
  const instance = i18next.createInstance();
  const resources = Object.fromEntries(
    UI_LANGUAGES.map((lng) => [lng, { [APP_NS]: lng === 'zh' ? zh : en, ...(editor ? { [EDITOR_NS]: editor[lng] } : {}) }]),
  );
  instance.use(initReactI18next);
  // initAsync false: resources are bundled, so `t` works on the first render.
  void instance.init({
    resources,
    lng: language,
    // i18next 27 defaults fallbackLng to false; English is our complete locale.
    fallbackLng: 'en',
    supportedLngs: [...UI_LANGUAGES],
    ns: editor ? [APP_NS, EDITOR_NS] : [APP_NS],
    defaultNS: APP_NS,
    initAsync: false,
    // React escapes text already.
    interpolation: { escapeValue: false },
    react: { useSuspense: false },
  });
  if (sideEffects) {
    const apply = (lng: string) => {
      const ui = normalizeLanguage(lng) ?? 'en';
      storeLanguage(ui);
      if (globalThis.document) globalThis.document.documentElement.lang = localeOf(ui);
    };
    instance.on('languageChanged', apply);
    if (globalThis.document) globalThis.document.documentElement.lang = localeOf(language);
  }
  return instance;
}

/** The interface language an instance currently speaks. */
export function uiLanguageOf(instance: I18n): UiLanguage {
  return normalizeLanguage(instance.resolvedLanguage ?? instance.language) ?? 'en';
}
