import type { Episode, FeedbackItem } from '@loopline/shared';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatNumber } from '../../i18n/format';
import { uiLanguageOf } from '../../i18n/instance';
import { formatTimecode } from './filters';
import { SafeText } from './SafeText';

/** Props of {@link InboxRow}. */
export interface InboxRowProps {
  item: FeedbackItem;
  episode: Episode | undefined;
  selected: boolean;
  onSelect: (id: string) => void;
}

/**
 * One line of the inbox: kind, platform, episode, time, likes or timecode,
 * the pseudonymous author, then the text clamped to two lines (the detail
 * panel shows all of it). Fixed height keeps the virtual list's maths exact.
 */
export const InboxRow = memo(function InboxRow({ item, episode, selected, onSelect }: InboxRowProps) {
  const { t, i18n } = useTranslation('app');
  const lang = uiLanguageOf(i18n);
  return (
    <button
      type="button"
      className={`inbox-item ${selected ? 'is-selected' : ''}`}
      aria-pressed={selected}
      onClick={() => onSelect(item.id)}
      data-testid="inbox-item"
      data-item-id={item.id}
    >
      <span className="inbox-item-meta">
        <span className={`kind-tag kind-${item.kind}`}>{t(`feedbackKinds.${item.kind}`)}</span>
        <span>{t(`platforms.${item.platform}`, { defaultValue: item.platform })}</span>
        {episode && <span>{t('episodes.short', { number: episode.number })}</span>}
        <span>{formatDate(item.postedAt, lang, true)}</span>
        {item.timecodeMs !== null && <span className="mono">▶ {formatTimecode(item.timecodeMs)}</span>}
        {item.likes !== null && <span>♥ {formatNumber(item.likes, lang)}</span>}
        <span className="inbox-author mono" title={t('inbox.authorHint')}>
          {item.author.slice(0, 10)}
        </span>
      </span>
      <SafeText text={item.text} className="inbox-item-text" />
    </button>
  );
});
