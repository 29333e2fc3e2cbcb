import type { Episode, Revision, RevisionTrace, Role } from '@loopline/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Empty } from '../../ui/States';
import { RevisionCard } from '../revisions/RevisionCard';
import { LinkLine } from './LinkLine';
import { OutcomeSection } from './OutcomeSection';
import { ReportLinks } from './ReportLinks';
import '../revisions/revisions.css';
import './trace.css';

/** Props of {@link RevisionTraceView}. */
export interface RevisionTraceViewProps {
  trace: RevisionTrace;
  role: Role | null;
  /** The revision before it in the episode, to compare with (null for the first). */
  previous: Revision | null;
  episodes?: ReadonlyMap<string, Episode>;
  onChanged: (revision: Revision) => void;
}

/**
 * Trace from a revision [UR11]: the revision with its workflow, links to
 * its changes, the evidence it carries (with samples), its outcome once
 * aired [UR13], and its report downloads [UR12].
 */
export function RevisionTraceView({ trace, role, previous, episodes, onChanged }: RevisionTraceViewProps) {
  const { t } = useTranslation('app');
  const { revision, links, outcome } = trace;
  const diff = (from: string, to: string) => `/episodes/${encodeURIComponent(revision.episodeId)}/diff?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
  return (
    <div className="tr-view" data-testid="revision-trace" data-revision-id={revision.id}>
      <RevisionCard revision={revision} role={role} onChanged={onChanged} standalone />
      <p className="tr-diff-links">
        {previous && (
          <Link to={diff(previous.id, revision.id)} data-testid="revision-diff-previous">
            {t('trace.changesSince', { colour: previous.colour })}
          </Link>
        )}
        <Link to={`/episodes/${encodeURIComponent(revision.episodeId)}`}>{t('trace.openEpisode')}</Link>
      </p>
      <section className="tr-section" data-testid="revision-evidence">
        <h2 className="panel-title">{t('trace.evidence')}</h2>
        {links.length === 0 ? (
          <Empty>{t('trace.noEvidence')}</Empty>
        ) : (
          <ul className="rv-link-list">
            {links.map((link) => (
              <LinkLine key={link.id} link={link} />
            ))}
          </ul>
        )}
      </section>
      <section className="tr-section" data-testid="revision-outcome">
        <h2 className="panel-title">{t('outcome.heading')}</h2>
        <OutcomeSection revisionId={revision.id} outcome={outcome} episodes={episodes} />
      </section>
      <section className="tr-section">
        <h2 className="panel-title">{t('trace.episodeReport')}</h2>
        <ReportLinks scope="episode" id={revision.episodeId} />
      </section>
    </div>
  );
}
