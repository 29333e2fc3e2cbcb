import { AUDIT_FINDING_KINDS, type AuditFindingKind, can, type Revision, type Role } from '@loopline/shared';
import { useCallback, useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { type EvidenceAuditQuery, evidenceAuditCsvUrl, getEvidenceAudit, listRevisions } from '../../api/revisions';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { EpisodeOptions } from '../../ui/Options';
import { Loading } from '../../ui/States';
import { useResource } from '../../ui/useResource';
import { useEpisodes } from '../inbox/useEpisodes';
import { useLocalCopy } from '../revisions/useLocalCopy';
import { AuditRevision } from './AuditRevision';
import { FindingGroups } from './FindingGroups';
import { ThresholdsForm } from './ThresholdsForm';
import '../revisions/revisions.css';
import './evidenceAudit.css';

/** The filters as the URL keeps them (`?kind=&episode=&revision=`), so a link can point at one episode's audit. */
export function auditFilterOf(params: URLSearchParams): EvidenceAuditQuery {
  const kind = AUDIT_FINDING_KINDS.find((k) => k === params.get('kind'));
  const episodeId = params.get('episode') || undefined;
  // A revision only narrows within a chosen episode (its list comes from that episode).
  const revisionId = episodeId ? params.get('revision') || undefined : undefined;
  return { ...(kind ? { kind } : {}), ...(episodeId ? { episodeId } : {}), ...(revisionId ? { revisionId } : {}) };
}

/** Loads the revisions of some episodes (ids joined by commas: a stable dependency). */
async function revisionsOf(episodeIds: string, signal: AbortSignal): Promise<Map<string, Revision>> {
  const ids = episodeIds === '' ? [] : episodeIds.split(',');
  const lists = await Promise.all(ids.map((id) => listRevisions(id, signal)));
  return new Map(lists.flat().map((r) => [r.id, r]));
}

const decisionOrder = (r: Revision) => (r.status === 'proposed' ? 0 : 1);

/**
 * The showrunner's evidence audit of a series [UR10] (a tab of the series
 * page; `?episode=` narrows it to one episode): findings grouped by kind,
 * filters by kind, episode and revision, a CSV export of what is shown, the
 * revisions concerned with their evidence and sample sizes and, for those
 * who may, approve / reject right there, and the thresholds.
 */
export function EvidenceAuditPanel({ seriesId, role }: { seriesId: string; role: Role | null }) {
  const { t } = useTranslation('app');
  const id = useId();
  const [params, setParams] = useSearchParams();
  const filter = auditFilterOf(params);
  const { kind, episodeId, revisionId } = filter;
  const { episodes, byId } = useEpisodes(seriesId);
  const loader = useCallback(
    (signal: AbortSignal) => getEvidenceAudit(seriesId, { kind, episodeId, revisionId }, signal),
    [seriesId, kind, episodeId, revisionId],
  );
  const audit = useResource(loader);
  const findings = audit.data?.findings;

  // Revisions to name in findings and to decide on: those of the episodes the findings are in, and the chosen episode's.
  const episodeIds = useMemo(() => {
    const ids = new Set(findings?.filter((f) => f.revisionId !== null).map((f) => f.episodeId));
    if (episodeId) ids.add(episodeId);
    return [...ids].sort().join(',');
  }, [findings, episodeId]);
  const revLoader = useCallback((signal: AbortSignal) => revisionsOf(episodeIds, signal), [episodeIds]);
  const revs = useResource(revLoader);
  const [loaded, setLoaded] = useLocalCopy(revs.data);
  const revisions = useMemo(() => loaded ?? new Map<string, Revision>(), [loaded]);

  const concerned = useMemo(() => {
    const ids = new Set(findings?.map((f) => f.revisionId).filter((r): r is string => r !== null));
    const list = [...revisions.values()].filter((r) => ids.has(r.id) || (episodeId !== undefined && r.episodeId === episodeId && (!revisionId || r.id === revisionId)));
    return list.sort((a, b) => decisionOrder(a) - decisionOrder(b) || b.createdAt.localeCompare(a.createdAt));
  }, [findings, revisions, episodeId, revisionId]);
  const episodeRevisions = episodeId ? [...revisions.values()].filter((r) => r.episodeId === episodeId).sort((a, b) => a.number - b.number) : [];

  const setFilter = (key: 'kind' | 'episode' | 'revision', value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key === 'episode') next.delete('revision');
    setParams(next, { replace: true });
  };
  const onDecided = (revision: Revision) => {
    setLoaded((old) => new Map(old).set(revision.id, revision));
    audit.reload();
  };

  return (
    <section className="panel au-panel" data-testid="evidence-audit" aria-label={t('evidenceAudit.heading')}>
      <div className="panel-header">
        <h2 className="panel-title">{t('evidenceAudit.heading')}</h2>
        <a className="btn btn-secondary btn-sm" href={evidenceAuditCsvUrl(seriesId, filter)} download data-testid="evidence-audit-csv">
          {t('evidenceAudit.exportCsv')}
        </a>
      </div>
      <div className="au-filters" data-testid="evidence-audit-filters">
        <label className="rv-field" htmlFor={`${id}-kind`}>
          <span>{t('evidenceAudit.filterKind')}</span>
          <select id={`${id}-kind`} className="select" value={kind ?? ''} onChange={(e) => setFilter('kind', e.target.value)} data-testid="evidence-audit-kind">
            <option value="">{t('evidenceAudit.allKinds')}</option>
            {AUDIT_FINDING_KINDS.map((k: AuditFindingKind) => (
              <option key={k} value={k}>
                {t(`evidenceAudit.kind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="rv-field" htmlFor={`${id}-episode`}>
          <span>{t('evidenceAudit.filterEpisode')}</span>
          <select id={`${id}-episode`} className="select" value={episodeId ?? ''} onChange={(e) => setFilter('episode', e.target.value)} data-testid="evidence-audit-episode">
            <option value="">{t('evidenceAudit.allEpisodes')}</option>
            <EpisodeOptions episodes={episodes} />
          </select>
        </label>
        <label className="rv-field" htmlFor={`${id}-revision`}>
          <span>{t('evidenceAudit.filterRevision')}</span>
          <select
            id={`${id}-revision`}
            className="select"
            value={revisionId ?? ''}
            disabled={!episodeId}
            onChange={(e) => setFilter('revision', e.target.value)}
            data-testid="evidence-audit-revision"
          >
            <option value="">{t('evidenceAudit.allRevisions')}</option>
            <option value="none">{t('evidenceAudit.workingScript')}</option>
            {episodeRevisions.map((r) => (
              <option key={r.id} value={r.id}>
                {r.colour} #{r.number}
              </option>
            ))}
          </select>
        </label>
      </div>
      {audit.error && !audit.loading ? <ErrorMessage error={audit.error} onRetry={audit.reload} /> : null}
      {audit.loading && !audit.data ? <Loading /> : null}
      {audit.data && (
        <>
          <FindingGroups findings={audit.data.findings} episodes={byId} revisions={revisions} />
          {concerned.length > 0 && (
            <section className="au-revisions" data-testid="evidence-audit-revisions">
              <h3 className="au-group-title">{t('evidenceAudit.revisions')}</h3>
              {concerned.map((r) => (
                <AuditRevision key={r.id} revision={r} role={role} episode={byId.get(r.episodeId)} onChanged={onDecided} />
              ))}
            </section>
          )}
          <ThresholdsForm
            key={JSON.stringify(audit.data.thresholds)}
            seriesId={seriesId}
            thresholds={audit.data.thresholds}
            canEdit={can(role, 'revision.approve')}
            onSaved={audit.reload}
          />
        </>
      )}
    </section>
  );
}
