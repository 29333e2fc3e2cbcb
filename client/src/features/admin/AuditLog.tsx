import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry, AuditPage } from '../../api/audit';
import { Button } from '../../ui/Button';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Loading } from '../../ui/States';
import { useResource } from '../../ui/useResource';
import { AuditList } from './AuditList';

/** Loads one page of a log: the newest without `before`, older ones with it. */
export type AuditPageLoader = (before: string | undefined, signal?: AbortSignal) => Promise<AuditPage>;

/**
 * An audit log that loads its newest page, then older pages on request
 * ("Load older entries") [UA12]. Memoise `load`: a new loader starts over.
 */
export function AuditLog({ load, showSeries }: { load: AuditPageLoader; showSeries: boolean }) {
  const { t } = useTranslation('app');
  const first = useCallback((signal: AbortSignal) => load(undefined, signal), [load]);
  const { data, error, loading, reload } = useResource(first);
  // Older pages, kept with the first page they continue so a reload starts clean.
  const [older, setOlder] = useState<{ after: AuditPage; pages: AuditPage[] } | null>(null);
  const [moreError, setMoreError] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);

  if (error && !loading) return <ErrorMessage error={error} onRetry={reload} />;
  if (!data) return <Loading />;

  const pages = older?.after === data ? [data, ...older.pages] : [data];
  const entries: AuditEntry[] = pages.flatMap((p) => p.entries);
  const next = pages[pages.length - 1]?.nextBefore ?? null;

  const loadMore = async () => {
    if (next === null || loadingMore) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await load(next);
      setOlder((prev) => ({ after: data, pages: [...(prev?.after === data ? prev.pages : []), page] }));
    } catch (err) {
      setMoreError(err);
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <>
      <AuditList entries={entries} showSeries={showSeries} />
      {moreError ? <ErrorMessage error={moreError} onDismiss={() => setMoreError(null)} /> : null}
      {next !== null && (
        <div className="audit-more">
          <Button onClick={() => void loadMore()} disabled={loadingMore} data-testid="audit-load-more">
            {loadingMore ? t('common.loading') : t('audit.loadMore')}
          </Button>
        </div>
      )}
    </>
  );
}
