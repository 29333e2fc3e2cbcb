import type { Revision, Role } from '@loopline/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../i18n/format';
import { uiLanguageOf } from '../../i18n/instance';
import { SafeText } from '../inbox/SafeText';
import { ReportLinks } from '../trace/ReportLinks';
import { RevisionActions } from './RevisionActions';
import { RevisionName, RevisionStatusBadge } from './RevisionLabel';

/** Props of {@link RevisionCard}. */
export interface RevisionCardProps {
  revision: Revision;
  role: Role | null;
  onChanged: (revision: Revision) => void;
  /** Hide the link to the revision's own page (on that page). */
  standalone?: boolean;
}

/**
 * One revision [UR1]: colour and number, status, authors, summary, every
 * workflow step with who, when and the comment, the release it aired with,
 * the workflow buttons for the role [UR2], and links to its page, a diff
 * against the live script and its report.
 */
export function RevisionCard({ revision, role, onChanged, standalone = false }: RevisionCardProps) {
  const { t, i18n } = useTranslation('app');
  const lang = uiLanguageOf(i18n);
  return (
    <article className="rv-card" data-testid="revision-card" data-revision-id={revision.id} data-colour={revision.colour} data-status={revision.status}>
      <header className="rv-card-head">
        {standalone ? (
          <RevisionName colour={revision.colour} number={revision.number} />
        ) : (
          <Link to={`/revisions/${encodeURIComponent(revision.id)}`} data-testid="revision-open">
            <RevisionName colour={revision.colour} number={revision.number} />
          </Link>
        )}
        <RevisionStatusBadge status={revision.status} />
      </header>
      {revision.summary && (
        <p className="rv-summary" data-testid="revision-summary">
          <SafeText text={revision.summary} />
        </p>
      )}
      <p className="muted rv-meta">
        {t('revisions.by', { names: revision.authors.map((a) => a.name).join(', ') || '—' })} ·{' '}
        {t('revisions.linkCount', { count: revision.linkIds.length })} · {formatDate(revision.createdAt, lang, true)}
      </p>
      {revision.release && (
        <p className="rv-release" data-testid="revision-release" data-platform={revision.release.platform}>
          {t('revisions.airedOn', {
            platform: t(`platforms.${revision.release.platform}`, { defaultValue: revision.release.platform }),
            time: formatDate(revision.release.airedAt, lang, true),
          })}
        </p>
      )}
      <ol className="rv-events" data-testid="revision-events">
        {revision.events.map((event, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: events are an append-only log, never reordered
          <li key={i} className="rv-event" data-testid="revision-event" data-status={event.status}>
            <span className="rv-event-what">{t(`revisions.event.${event.status}`, { name: event.byName })}</span>{' '}
            <span className="muted">{formatDate(event.at, lang, true)}</span>
            {event.comment && (
              <q className="rv-event-comment">
                <SafeText text={event.comment} />
              </q>
            )}
          </li>
        ))}
      </ol>
      <RevisionActions revision={revision} role={role} onChanged={onChanged} />
      <footer className="rv-card-foot">
        <Link to={`/episodes/${encodeURIComponent(revision.episodeId)}/diff?from=${encodeURIComponent(revision.id)}&to=current`} data-testid="revision-diff-now">
          {t('revisions.compareNow')}
        </Link>
        <ReportLinks scope="revision" id={revision.id} />
      </footer>
    </article>
  );
}
