import { AUDIT_FINDING_KINDS, type AuditFinding, type Episode, type Revision } from '@loopline/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatNumber } from '../../i18n/format';
import { uiLanguageOf } from '../../i18n/instance';
import { Badge } from '../../ui/Badge';
import { SafeText } from '../inbox/SafeText';
import { RevisionName } from '../revisions/RevisionLabel';
import { SampleText } from '../trace/LinkLine';

/** Props of {@link FindingGroups}. */
export interface FindingGroupsProps {
  findings: readonly AuditFinding[];
  episodes: ReadonlyMap<string, Episode>;
  revisions: ReadonlyMap<string, Revision>;
}

/** One finding: where (episode, revision or the working script, scene), its sample and, for weak evidence, why. */
function FindingRow({ finding, episode, revision }: { finding: AuditFinding; episode?: Episode; revision?: Revision }) {
  const { t } = useTranslation('app');
  const sceneTrace = `/trace/scene/${encodeURIComponent(finding.episodeId)}/${encodeURIComponent(finding.sceneId)}`;
  return (
    <li className="au-finding" data-testid="evidence-audit-finding" data-kind={finding.kind} data-scene-id={finding.sceneId} data-revision-id={finding.revisionId ?? 'none'}>
      <div className="au-finding-where">
        <span className="muted">{episode ? t('episodes.short', { number: episode.number }) : '—'}</span>
        {finding.revisionId === null ? (
          <span className="muted">{t('evidenceAudit.workingScript')}</span>
        ) : revision ? (
          <Link to={`/revisions/${encodeURIComponent(revision.id)}`}>
            <RevisionName colour={revision.colour} number={revision.number} />
          </Link>
        ) : (
          <Link to={`/revisions/${encodeURIComponent(finding.revisionId)}`}>{t('evidenceAudit.revision')}</Link>
        )}
        <Link to={sceneTrace} className="au-heading">
          <SafeText text={finding.heading || t('evidenceAudit.untitledScene')} />
        </Link>
      </div>
      <div className="au-finding-detail">
        {finding.sample ? <SampleText sample={finding.sample} /> : null}
        {finding.linkIds.length > 0 && <span className="muted">{t('evidenceAudit.links', { count: finding.linkIds.length })}</span>}
        {finding.reasons.map((reason) => (
          <Badge key={reason} tone="warning">
            <span data-testid="evidence-audit-reason" data-reason={reason}>
              {t(`evidenceAudit.reason.${reason}`)}
            </span>
          </Badge>
        ))}
      </div>
    </li>
  );
}

/**
 * Findings grouped by kind [UR10]: changed scenes with no evidence, evidence
 * linked but no change made, and weak evidence with its reasons (few
 * viewers, one segment, coordinated). Every group is shown with its count,
 * an empty one says so: "none" is an answer too.
 */
export function FindingGroups({ findings, episodes, revisions }: FindingGroupsProps) {
  const { t, i18n } = useTranslation('app');
  const lang = uiLanguageOf(i18n);
  return (
    <div className="au-groups">
      {AUDIT_FINDING_KINDS.map((kind) => {
        const group = findings.filter((f) => f.kind === kind);
        return (
          <section key={kind} className="au-group" data-testid="evidence-audit-group" data-kind={kind} data-count={group.length}>
            <h3 className="au-group-title">
              {t(`evidenceAudit.kind.${kind}`)} <span className="muted">({formatNumber(group.length, lang)})</span>
            </h3>
            <p className="muted au-group-hint">{t(`evidenceAudit.kindHint.${kind}`)}</p>
            {group.length === 0 ? (
              <p className="muted">{t('evidenceAudit.noneOfKind')}</p>
            ) : (
              <ul className="au-findings">
                {group.map((f) => (
                  <FindingRow
                    key={`${f.kind}:${f.revisionId ?? 'none'}:${f.sceneId}:${f.linkIds.join(',')}`}
                    finding={f}
                    episode={episodes.get(f.episodeId)}
                    revision={f.revisionId ? revisions.get(f.revisionId) : undefined}
                  />
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}
