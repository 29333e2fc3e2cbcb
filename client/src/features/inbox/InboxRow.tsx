import type { Episode, FeedbackItem } from '@loopline/shared';
import { type DragEvent, memo } from 'react';
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
  /** Checked for linking (issue 5) [UE1]; with `onCheck` the row gets a checkbox. */
  checked?: boolean;
  onCheck?: (item: FeedbackItem, shift: boolean) => void;
  /** Makes the row draggable onto a scene [UE5]. */
  onDragItem?: (item: FeedbackItem, data: DataTransfer) => void;
}

/**
 * One line of the inbox: kind, platform, episode, time, likes or timecode,
 * the pseudonymous author, then the text clamped to two lines (the detail
 * panel shows all of it). Fixed height keeps the virtual list's maths exact.
 */
export const InboxRow = memo(function InboxRow({ item, episode, selected, onSelect, checked, onCheck, onDragItem }: InboxRowProps) {
  const { t, i18n } = useTranslation('app');
  const lang = uiLanguageOf(i18n);
  const row = (
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
        {item.coordinated && (
          <span className="coord-tag" title={t('evidence.coordinatedHint')} data-testid="inbox-coordinated">
            {t('evidence.coordinated')}
          </span>
        )}
        {item.timecodeMs !== null && <span className="mono">▶ {formatTimecode(item.timecodeMs)}</span>}
        {item.likes !== null && <span>♥ {formatNumber(item.likes, lang)}</span>}
        <span className="inbox-author mono" title={t('inbox.authorHint')}>
          {item.author.slice(0, 10)}
        </span>
      </span>
      <SafeText text={item.text} className="inbox-item-text" />
    </button>
  );
  if (!onCheck && !onDragItem) return row;
  return (
    <fieldset
      aria-label={t('evidence.selectItem')}
      className={`inbox-row ${checked ? 'is-checked' : ''}`}
      draggable={onDragItem !== undefined}
      onDragStart={onDragItem ? (e: DragEvent) => onDragItem(item, e.dataTransfer) : undefined}
    >
      {onCheck && (
        <input
          type="checkbox"
          className="inbox-check"
          checked={checked === true}
          aria-label={t('evidence.selectItem')}
          // React's change event for a checkbox is the click: its shift key makes a range.
          onChange={(e) => onCheck(item, (e.nativeEvent as MouseEvent).shiftKey === true)}
          data-testid="inbox-item-check"
          data-item-id={item.id}
        />
      )}
      {row}
    </fieldset>
  );
});
