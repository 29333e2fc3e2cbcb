import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../i18n/format';
import { uiLanguageOf } from '../../i18n/instance';

/** The counts a sample line shows; `distinctViewers` null = not known before linking. */
export interface SampleCounts {
  mentions: number;
  distinctViewers: number | null;
  coordinated: number;
}

/**
 * The sample behind evidence, never a bare count [UE2] [UE9]: mentions,
 * distinct viewers (a lower bound when `exact` is false) and coordinated
 * items when there are any.
 */
export function SampleLine({ sample, exact = true, testId }: { sample: SampleCounts; exact?: boolean; testId: string }) {
  const { t, i18n } = useTranslation('app');
  const lang = uiLanguageOf(i18n);
  const n = (v: number) => formatNumber(v, lang);
  const viewers = sample.distinctViewers;
  return (
    <span
      className="ev-sample"
      data-testid={testId}
      data-mentions={sample.mentions}
      data-viewers={viewers ?? ''}
      data-coordinated={sample.coordinated}
      data-exact={exact}
    >
      <span>{t('evidence.sample.mentions', { count: n(sample.mentions) })}</span>
      {' · '}
      <span>
        {viewers === null
          ? t('evidence.sample.viewersLater')
          : exact
            ? t('evidence.sample.viewers', { count: n(viewers) })
            : t('evidence.sample.viewersAtLeast', { count: n(viewers) })}
      </span>
      {sample.coordinated > 0 && (
        <>
          {' · '}
          <span className="ev-warn">{t('evidence.sample.coordinated', { count: n(sample.coordinated) })}</span>
        </>
      )}
    </span>
  );
}
