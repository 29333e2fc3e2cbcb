import type { Episode, Revision, Role } from '@loopline/shared';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { getRevisionTrace } from '../../api/revisions';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Loading } from '../../ui/States';
import { useResource } from '../../ui/useResource';
import { RevisionCard } from '../revisions/RevisionCard';
import { LinkLine } from '../trace/LinkLine';

/**
 * A revision in the audit [UR10]: its card (with Approve / Reject for those
 * who may) and every link it carries with the sample behind it, so the
 * decision is made looking at the evidence.
 */
export function AuditRevision({ revision, role, episode, onChanged }: { revision: Revision; role: Role | null; episode?: Episode; onChanged: (r: Revision) => void }) {
  const { t } = useTranslation('app');
  // The outcome is not needed to decide: skip its computation.
  const loader = useCallback((signal: AbortSignal) => getRevisionTrace(revision.id, { outcome: false }, signal), [revision.id]);
  const { data, error, loading, reload } = useResource(loader);
  return (
    <div className="au-revision" data-testid="evidence-audit-revision-card" data-revision-id={revision.id}>
      {episode && <p className="muted">{t('episodes.short', { number: episode.number })} {episode.title}</p>}
      <RevisionCard revision={revision} role={role} onChanged={onChanged} />
      <h4 className="au-evidence-title">{t('evidenceAudit.evidenceOf', { colour: revision.colour })}</h4>
      {error && !loading ? <ErrorMessage error={error} onRetry={reload} /> : null}
      {loading && !data ? <Loading /> : null}
      {data && data.links.length === 0 && <p className="rv-warn">{t('evidenceAudit.noEvidence')}</p>}
      {data && data.links.length > 0 && (
        <ul className="rv-link-list">
          {data.links.map((link) => (
            <LinkLine key={link.id} link={link} />
          ))}
        </ul>
      )}
    </div>
  );
}
