import type { i18n as I18n } from 'i18next';
import { editorLocales } from '../editor';
import { createI18n } from './instance';
import type { UiLanguage } from './language';

export { formatDate, formatNumber, formatRuntime } from './format';
export { APP_NS, createI18n, EDITOR_NS, uiLanguageOf } from './instance';
export type { UiLanguage } from './language';
export { detectLanguage, localeOf, UI_LANGUAGES } from './language';

/** The app's i18next instance: `app` + `editor` namespaces, language from storage or the browser. */
export function createAppI18n(language?: UiLanguage): I18n {
  return createI18n({ language, editor: editorLocales });
}
