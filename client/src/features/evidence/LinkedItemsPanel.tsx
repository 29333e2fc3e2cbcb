import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { getLink } from '../../api/evidence';
import { formatNumber } from '../../i18n/format';
import { uiLanguageOf } from '../../i18n/instance';
import { Button } from '../../ui/Button';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useResource } from '../../ui/useResource';
import { InboxList } from '../inbox/InboxList';
import { ItemDetail } from '../inbox/ItemDetail';
import { SafeText } from '../inbox/SafeText';
import { useEpisodes } from '../inbox/useEpisodes';
import { SampleLine } from './SampleLine';
import { StateBadge } from './StateBadge';
import { useLinkItemPages } from './useLinkItemPages';
import './evidence.css';

/**
 * The inbox showing one link's items ("Show in inbox", `?link=`) [UE10]:
 * a banner naming the link (heading, quote, rationale, sample), its items in
 * the virtual list, and with `?item=` that item's detail open and scrolled to.
 */
export function LinkedItemsPanel({ seriesId, linkId, itemId }: { seriesId: string; linkId: string; itemId: string | null }) {
  const { t, i18n } = useTranslation('app');
  const lang = uiLanguageOf(i18n);
  const [, setParams] = useSearchParams();
  const { byId } = useEpisodes(seriesId);
  const loader = useCallback((signal: AbortSignal) => getLink(linkId, signal), [linkId]);
  const link = useResource(loader);
  const pages = useLinkItemPages(linkId);
  const [selected, setSelected] = useState<string | null>(itemId);
  const back = () => setParams({ tab: 'inbox' }, { replace: true });

  return (
    <section className="panel inbox-panel" data-testid="inbox">
      <div className="ev-linked-banner" data-testid="evidence-linked-items" data-link-id={linkId}>
        <div className="ev-row">
          <strong>{t('evidence.linked.title')}</strong>
          {link.data && <StateBadge state={link.data.state} />}
          <span className="muted" data-testid="inbox-total" data-total={pages.total ?? ''}>
            {pages.total === null ? t('common.loading') : t('inbox.total', { count: formatNumber(pages.total, lang) })}
          </span>
          <span className="ev-spacer" />
          <Button size="sm" variant="ghost" onClick={back} data-testid="evidence-linked-back">
            {t('evidence.linked.back')}
          </Button>
        </div>
        {link.data && (
          <>
            <p>
              <SafeText text={link.data.anchor.heading} />
              {link.data.anchor.kind === 'span' && (
                <>
                  {' — '}
                  <q>
                    <SafeText text={link.data.anchor.quote} />
                  </q>
                </>
              )}
            </p>
            {link.data.rationale.trim() !== '' && (
              <p className="muted">
                <SafeText text={link.data.rationale} />
              </p>
            )}
            <SampleLine sample={link.data.sample} testId="evidence-linked-sample" />
          </>
        )}
        {link.error ? <ErrorMessage error={link.error} onRetry={link.reload} /> : null}
      </div>
      {pages.error ? <ErrorMessage error={pages.error} onRetry={pages.items.length > 0 ? pages.loadMore : pages.retry} /> : null}
      <div className={`inbox-body ${selected ? 'has-detail' : ''}`}>
        <InboxList
          items={pages.items}
          version={pages.version}
          hasMore={pages.hasMore && !pages.error}
          loading={pages.loading}
          episodes={byId}
          selectedId={selected}
          onSelect={setSelected}
          onNeedMore={pages.loadMore}
          scrollToId={itemId}
        />
        {selected && <ItemDetail key={selected} itemId={selected} episodes={byId} onClose={() => setSelected(null)} />}
      </div>
    </section>
  );
}
