import type { EvidenceFilter, FeedbackItem } from '@loopline/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { setCoordinated } from '../../api/evidence';
import { formatNumber } from '../../i18n/format';
import { uiLanguageOf } from '../../i18n/instance';
import { Button } from '../../ui/Button';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useAction } from '../../ui/useResource';
import { LinkDialog } from './LinkDialog';
import { type SamplePreview, selectedOf } from './sample';
import type { EvidenceSelection } from './useSelection';
import './evidence.css';

/** Props of {@link SelectionBar}. */
export interface SelectionBarProps {
  seriesId: string;
  selection: EvidenceSelection;
  /** The loaded items, in list order ("Select all shown"). */
  loaded: readonly FeedbackItem[];
  canLink: boolean;
  canFlag: boolean;
  /** The inbox's filter as an evidence-set filter, with its sample as far as it is loaded. */
  currentFilter: () => { filter: EvidenceFilter; preview: SamplePreview };
  /** Items whose coordinated flag the server changed. */
  onCoordinated: (ids: readonly string[], coordinated: boolean) => void;
}

/**
 * The inbox's selection bar (issue 5): how many items are selected, select
 * all shown / clear [UE1], "Link to scene…" and "Use the current filter…"
 * for `evidence.link` [UE2] [UE3], and marking or clearing the coordinated
 * flag for `feedback.import` [UE4].
 */
export function SelectionBar({ seriesId, selection, loaded, canLink, canFlag, currentFilter, onCoordinated }: SelectionBarProps) {
  const { t, i18n } = useTranslation('app');
  const lang = uiLanguageOf(i18n);
  const [dialog, setDialog] = useState<'items' | 'filter' | null>(null);
  const [filter, setFilter] = useState<ReturnType<SelectionBarProps['currentFilter']> | null>(null);
  const action = useAction();
  const none = selection.size === 0;

  const flag = (coordinated: boolean) =>
    action.fire(async () => {
      const ids = [...selection.selected.keys()];
      await setCoordinated(seriesId, ids, coordinated);
      selection.setCoordinated(ids, coordinated);
      onCoordinated(ids, coordinated);
    });

  return (
    <div className="ev-selection-bar" data-testid="evidence-selection-bar" data-count={selection.size}>
      <span className="ev-selection-count">{t('evidence.selection.count', { count: formatNumber(selection.size, lang) })}</span>
      <Button size="sm" variant="ghost" disabled={loaded.length === 0} onClick={() => selection.add(loaded.map(selectedOf))} data-testid="evidence-select-all">
        {t('evidence.selection.selectAll', { count: formatNumber(loaded.length, lang) })}
      </Button>
      <Button size="sm" variant="ghost" disabled={none} onClick={selection.clear} data-testid="evidence-clear-selection">
        {t('evidence.selection.clear')}
      </Button>
      <span className="ev-spacer" />
      {canFlag && (
        <>
          <Button size="sm" disabled={none || action.pending} onClick={() => flag(true)} data-testid="evidence-mark-coordinated">
            {t('evidence.selection.markCoordinated')}
          </Button>
          <Button size="sm" variant="ghost" disabled={none || action.pending} onClick={() => flag(false)} data-testid="evidence-clear-coordinated">
            {t('evidence.selection.clearCoordinated')}
          </Button>
        </>
      )}
      {canLink && (
        <>
          <Button
            size="sm"
            variant="ghost"
            onClick={() => {
              setFilter(currentFilter());
              setDialog('filter');
            }}
            data-testid="evidence-use-filter"
          >
            {t('evidence.selection.useFilter')}
          </Button>
          <Button size="sm" variant="primary" disabled={none} onClick={() => setDialog('items')} data-testid="evidence-link-selection">
            {t('evidence.selection.link')}
          </Button>
        </>
      )}
      {action.error ? <ErrorMessage error={action.error} onDismiss={action.clearError} /> : null}
      {dialog === 'items' && <LinkDialog seriesId={seriesId} items={[...selection.selected.values()]} onClose={() => setDialog(null)} />}
      {dialog === 'filter' && filter && <LinkDialog seriesId={seriesId} filter={filter} onClose={() => setDialog(null)} />}
    </div>
  );
}
