import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../i18n/format';
import { uiLanguageOf } from '../../i18n/instance';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Empty } from '../../ui/States';
import { activeFilterCount, EMPTY_FILTERS, type FilterForm, toFeedbackQuery } from './filters';
import { InboxFilters } from './InboxFilters';
import { InboxList } from './InboxList';
import { ItemDetail } from './ItemDetail';
import { useEpisodes } from './useEpisodes';
import { useFeedbackPages } from './useFeedbackPages';
import './feedback.css';
import './inbox.css';

/**
 * The Inbox tab [UF7]–[UF9]: what the audience said about a series (or one
 * episode, with `episodeId`), searchable and filterable, in a virtualized
 * list with the selected item's detail beside it.
 */
export function InboxPanel({ seriesId, episodeId }: { seriesId: string; episodeId?: string }) {
  const { t, i18n } = useTranslation('app');
  const lang = uiLanguageOf(i18n);
  const { episodes, byId } = useEpisodes(seriesId);
  const [form, setForm] = useState<FilterForm>({ ...EMPTY_FILTERS, episodeId: episodeId ?? '' });
  const query = useMemo(() => toFeedbackQuery(form), [form]);
  const pages = useFeedbackPages(seriesId, query);
  const [selected, setSelected] = useState<string | null>(null);
  const empty = pages.total === 0 && !pages.loading && !pages.error;

  return (
    <section className="panel inbox-panel" data-testid="inbox">
      <div className="panel-header">
        <h2 className="panel-title">{t('inbox.heading')}</h2>
        <span className="muted" data-testid="inbox-total" data-total={pages.total ?? ''}>
          {pages.total === null ? t('common.loading') : t('inbox.total', { count: formatNumber(pages.total, lang) })}
        </span>
      </div>
      <InboxFilters value={form} episodes={episodes} fixedEpisode={episodeId !== undefined} onChange={setForm} />
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
          />
        )}
        {selected && <ItemDetail key={selected} itemId={selected} episodes={byId} onClose={() => setSelected(null)} />}
      </div>
    </section>
  );
}
