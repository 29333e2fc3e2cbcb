import type { EvidenceLink, EvidenceSample } from '@loopline/shared';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../i18n/format';
import { uiLanguageOf } from '../../i18n/instance';
import { Badge, type BadgeTone } from '../../ui/Badge';
import { SafeText } from '../inbox/SafeText';
import '../revisions/revisions.css';

/**
 * The sample behind evidence, never a raw count alone [UR9]: mentions and
 * distinct viewers, plus coordinated items and the dominant segment when
 * there are any.
 */
export function SampleText({ sample }: { sample: EvidenceSample }) {
  const { t, i18n } = useTranslation('app');
  const lang = uiLanguageOf(i18n);
  const n = (v: number) => formatNumber(v, lang);
  return (
    <span className="rv-sample" data-testid="evidence-sample" data-mentions={sample.mentions} data-viewers={sample.distinctViewers}>
      {t('trace.sample', { mentions: n(sample.mentions), viewers: n(sample.distinctViewers) })}
      {sample.coordinated > 0 && <span className="rv-warn"> · {t('trace.coordinated', { count: n(sample.coordinated) })}</span>}
      {sample.topSegment && (
        <span className="muted">
          {' · '}
          {t('trace.topSegment', {
            segment: `${sample.topSegment.name}=${sample.topSegment.value}`,
            share: formatNumber(sample.topSegment.share, lang, { style: 'percent', maximumFractionDigits: 0 }),
          })}
        </span>
      )}
    </span>
  );
}

const STATE_TONES: Record<EvidenceLink['state'], BadgeTone> = {
  anchored: 'success',
  drifted: 'warning',
  'scene-only': 'info',
  orphaned: 'muted',
};

/**
 * One evidence link as the revision, audit and trace views list it: scene
 * heading (the one it had, for an orphaned link), state, stance and weight,
 * the sample, the quoted span and the rationale. Viewer- and writer-typed
 * text goes through SafeText.
 */
export function LinkLine({ link, heading, children }: { link: EvidenceLink; heading?: string; children?: ReactNode }) {
  const { t } = useTranslation('app');
  return (
    <li className="rv-link" data-testid="evidence-link" data-link-id={link.id} data-state={link.state} data-scene-id={link.sceneId}>
      <div className="rv-link-head">
        <span className="rv-link-heading">
          <SafeText text={heading ?? link.anchor.heading} />
        </span>
        <Badge tone={STATE_TONES[link.state]}>{t(`trace.state.${link.state}`)}</Badge>
        <Badge tone={link.stance === 'contradicts' ? 'warning' : 'neutral'}>{t(`trace.stance.${link.stance}`)}</Badge>
        <span className="muted">{t('trace.weight', { weight: link.weight })}</span>
      </div>
      <SampleText sample={link.sample} />
      {link.anchor.kind === 'span' && (
        <blockquote className="rv-quote">
          <SafeText text={link.anchor.quote} />
        </blockquote>
      )}
      {link.rationale.trim() !== '' && (
        <p className="rv-rationale">
          <SafeText text={link.rationale} />
        </p>
      )}
      <p className="muted rv-link-author">{link.authorName}</p>
      {children}
    </li>
  );
}
