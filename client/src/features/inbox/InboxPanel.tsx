import { can, type FeedbackItem, type Role } from '@loopline/shared';
import { useCallback, useMemo, useReducer, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { writeEvidenceDrag } from '../../editor/evidence/drag';
import { formatNumber } from '../../i18n/format';
import { uiLanguageOf } from '../../i18n/instance';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Empty } from '../../ui/States';
import { LinkedItemsPanel } from '../evidence/LinkedItemsPanel';
import { SelectionBar } from '../evidence/SelectionBar';
import { evidenceFilterOf, previewSample, selectedOf } from '../evidence/sample';
import { type EvidenceSelection, useEvidenceSelection } from '../evidence/useSelection';
import { activeFilterCount, EMPTY_FILTERS, type FilterForm, toFeedbackQuery } from './filters';
import { InboxFilters } from './InboxFilters';
import { InboxList } from './InboxList';
import { ItemDetail } from './ItemDetail';
import { useEpisodes } from './useEpisodes';
import { useFeedbackPages } from './useFeedbackPages';
import './feedback.css';
import './inbox.css';

/** Props of {@link InboxPanel}. */
export interface InboxPanelProps {
  seriesId: string;
  episodeId?: string;
  /** The user's role in the series: selecting to link (`evidence.link`) and coordination flags (`feedback.import`) follow it (issue 5). */
  myRole?: Role | null;
  /** A selection shared with the page (the editor's side panel); otherwise the inbox keeps its own. */
  selection?: EvidenceSelection;
  /** Follow `?link=` and `?item=` of the page's URL (the series' Inbox tab; not a drawer in the editor). */
  routed?: boolean;
}

/** Dragging more items than this carries their ids only (the sample preview then waits for the server). */
const DRAG_DETAIL_LIMIT = 5000;

/**
 * The Inbox tab [UF7]–[UF9]: what the audience said about a series (or one
 * episode, with `episodeId`), searchable and filterable, in a virtualized
 * list with the selected item's detail beside it. With `?link=` it shows the
 * items of one evidence link instead [UE10].
 */
export function InboxPanel(props: InboxPanelProps) {
  const [params] = useSearchParams();
  const routed = props.routed ?? props.selection === undefined;
  const linkId = routed ? params.get('link') : null;
  const itemId = routed ? params.get('item') : null;
  if (linkId) return <LinkedItemsPanel key={linkId} seriesId={props.seriesId} linkId={linkId} itemId={itemId} />;
  return <FeedbackInbox {...props} focusItem={itemId} />;
}

function FeedbackInbox({ seriesId, episodeId, myRole = null, selection: shared, focusItem }: InboxPanelProps & { focusItem: string | null }) {
  const { t, i18n } = useTranslation('app');
  const lang = uiLanguageOf(i18n);
  const { episodes, byId } = useEpisodes(seriesId);
  const [form, setForm] = useState<FilterForm>({ ...EMPTY_FILTERS, episodeId: episodeId ?? '' });
  const query = useMemo(() => toFeedbackQuery(form), [form]);
  const pages = useFeedbackPages(seriesId, query);
  const [selected, setSelected] = useState<string | null>(focusItem);
  const empty = pages.total === 0 && !pages.loading && !pages.error;
  // Issue 5: selecting items to link, dragging them onto scenes, coordination flags.
  const own = useEvidenceSelection(seriesId, shared === undefined);
  const selection = shared ?? own;
  const canLink = can(myRole, 'evidence.link');
  const canFlag = can(myRole, 'feedback.import');
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  const { items } = pages;
  const onCheck = useCallback((item: FeedbackItem, shift: boolean) => selection.toggle(selectedOf(item), shift, items.map(selectedOf)), [selection, items]);
  const onDragItem = useCallback(
    (item: FeedbackItem, data: DataTransfer) => {
      const dragged = selection.has(item.id) ? [...selection.selected.values()] : [selectedOf(item)];
      const detail = dragged.length <= DRAG_DETAIL_LIMIT ? { items: dragged } : {};
      writeEvidenceDrag(data, { seriesId, itemIds: dragged.map((d) => d.id), ...detail });
    },
    [selection, seriesId],
  );
  const currentFilter = useCallback(
    () => ({ filter: evidenceFilterOf(query), preview: previewSample(items.map(selectedOf), pages.total ?? items.length) }),
    [query, items, pages.total],
  );
  // The loaded list is one array grown in place (useFeedbackPages): flagged items are swapped for updated copies.
  const onCoordinated = useCallback(
    (ids: readonly string[], coordinated: boolean) => {
      const changed = new Set(ids);
      const list = items as FeedbackItem[];
      list.forEach((item, i) => {
        if (changed.has(item.id)) list[i] = { ...item, coordinated };
      });
      redraw();
    },
    [items],
  );

  return (
    <section className="panel inbox-panel" data-testid="inbox">
      <div className="panel-header">
        <h2 className="panel-title">{t('inbox.heading')}</h2>
        <span className="muted" data-testid="inbox-total" data-total={pages.total ?? ''}>
          {pages.total === null ? t('common.loading') : t('inbox.total', { count: formatNumber(pages.total, lang) })}
        </span>
      </div>
      <InboxFilters value={form} episodes={episodes} fixedEpisode={episodeId !== undefined} onChange={setForm} />
      {(canLink || canFlag) && (
        <SelectionBar
          seriesId={seriesId}
          selection={selection}
          loaded={pages.items}
          canLink={canLink}
          canFlag={canFlag}
          currentFilter={currentFilter}
          onCoordinated={onCoordinated}
        />
      )}
      {pages.error ? <ErrorMessage error={pages.error} onRetry={pages.items.length > 0 ? pages.loadMore : pages.retry} /> : null}
      <div className={`inbox-body ${selected ? 'has-detail' : ''}`}>
        {empty ? (
          <Empty>{form.q.trim() !== '' || activeFilterCount(form) > 0 ? t('inbox.noMatch') : t('inbox.empty')}</Empty>
        ) : (
          <InboxList
            items={pages.items}
            version={pages.version}
            hasMore={pages.hasMore && !pages.error}
            loading={pages.loading}
            episodes={byId}
            selectedId={selected}
            onSelect={setSelected}
            onNeedMore={pages.loadMore}
            checked={canLink || canFlag ? selection : undefined}
            onCheck={canLink || canFlag ? onCheck : undefined}
            onDragItem={canLink ? onDragItem : undefined}
            scrollToId={focusItem}
          />
        )}
        {selected && <ItemDetail key={selected} itemId={selected} episodes={byId} onClose={() => setSelected(null)} />}
      </div>
    </section>
  );
}
