import { useTranslation } from 'react-i18next';
import { uiLanguageOf } from '../i18n/instance';
import { UI_LANGUAGES, type UiLanguage } from '../i18n/language';

// Each language is named in itself, so a reader of either can find theirs.
const NATIVE_NAME: Record<UiLanguage, string> = { zh: '中文', en: 'English' };

/**
 * The header's language switch "中文 / English": one button that toggles,
 * showing both names with the active one highlighted. The choice persists
 * (the i18n instance stores it on every change).
 */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation('app');
  const current = uiLanguageOf(i18n);
  const next = UI_LANGUAGES.find((l) => l !== current) ?? 'en';
  return (
    <button
      type="button"
      className="language-switch"
      data-testid="language-switch"
      data-language={current}
      title={t('language.switch')}
      aria-label={`${t('language.switch')}: ${NATIVE_NAME[next]}`}
      onClick={() => void i18n.changeLanguage(next)}
    >
      {UI_LANGUAGES.map((lang, i) => (
        <span key={lang}>
          {i > 0 && <span className="language-switch-sep"> / </span>}
          <span className={lang === current ? 'language-switch-active' : undefined} lang={lang === 'zh' ? 'zh-CN' : 'en'}>
            {NATIVE_NAME[lang]}
          </span>
        </span>
      ))}
    </button>
  );
}
