import { can, type Revision, type Role } from '@loopline/shared';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { listRevisions } from '../../api/revisions';
import { Button } from '../../ui/Button';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Empty, Loading } from '../../ui/States';
import { useResource } from '../../ui/useResource';
import { ReportLinks } from '../trace/ReportLinks';
import { NewRevisionForm } from './NewRevisionForm';
import { RevisionCard } from './RevisionCard';
import { useLocalCopy } from './useLocalCopy';
import './revisions.css';

/** Props of {@link RevisionsPanel}. */
export interface RevisionsPanelProps {
  episodeId: string;
  seriesId: string;
  role: Role | null;
  /** Told whenever the list changes (a new revision, a workflow step), e.g. to refresh a revision picker. */
  onRevisions?: (revisions: Revision[]) => void;
}

/** Replaces one revision in a list by id. */
function replace(list: readonly Revision[], next: Revision): Revision[] {
  return list.some((r) => r.id === next.id) ? list.map((r) => (r.id === next.id ? next : r)) : [...list, next];
}

/**
 * The Revisions panel of an episode [UR1]: its revisions newest first with
 * their workflow, "New revision" for those who may propose, and links to
 * compare revisions, the episode's evidence audit and its report.
 */
export function RevisionsPanel({ episodeId, seriesId, role, onRevisions }: RevisionsPanelProps) {
  const { t } = useTranslation('app');
  const loader = useCallback((signal: AbortSignal) => listRevisions(episodeId, signal), [episodeId]);
  const { data, error, loading, reload } = useResource(loader);
  // Steps answer with the changed revision: shown at once, without reloading the list.
  const [revisions, setRevisions] = useLocalCopy(data);
  const [creating, setCreating] = useState(false);
  useEffect(() => {
    if (revisions) onRevisions?.(revisions);
  }, [revisions, onRevisions]);

  const changed = (next: Revision) => setRevisions((old) => replace(old ?? [], next));
  const newestFirst = revisions ? [...revisions].sort((a, b) => b.number - a.number) : [];

  return (
    <section className="rv-panel" data-testid="revisions-panel" aria-label={t('revisions.heading')}>
      <div className="rv-panel-head">
        <h2 className="panel-title">{t('revisions.heading')}</h2>
        {can(role, 'revision.propose') && !creating && (
          <Button size="sm" variant="primary" onClick={() => setCreating(true)} disabled={!revisions} data-testid="new-revision">
            {t('revisions.new')}
          </Button>
        )}
      </div>
      {creating && revisions && (
        <NewRevisionForm
          episodeId={episodeId}
          revisions={revisions}
          onCreated={(revision) => {
            setCreating(false);
            changed(revision);
          }}
          onCancel={() => setCreating(false)}
        />
      )}
      {error && !loading ? <ErrorMessage error={error} onRetry={reload} /> : null}
      {loading && !revisions ? <Loading /> : null}
      {revisions && revisions.length === 0 && <Empty>{t('revisions.empty')}</Empty>}
      <div className="rv-list" data-testid="revision-list">
        {newestFirst.map((revision) => (
          <RevisionCard key={revision.id} revision={revision} role={role} onChanged={changed} />
        ))}
      </div>
      <footer className="rv-panel-foot">
        {revisions && revisions.length > 0 && (
          <Link to={`/episodes/${encodeURIComponent(episodeId)}/diff`} data-testid="revisions-compare">
            {t('revisions.compare')}
          </Link>
        )}
        <Link to={`/series/${encodeURIComponent(seriesId)}?tab=evidence-audit&episode=${encodeURIComponent(episodeId)}`} data-testid="episode-evidence-audit">
          {t('evidenceAudit.ofEpisode')}
        </Link>
        <ReportLinks scope="episode" id={episodeId} />
      </footer>
    </section>
  );
}
