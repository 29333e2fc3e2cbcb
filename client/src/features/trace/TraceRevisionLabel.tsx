import type { TraceRevision } from '@loopline/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../i18n/format';
import { uiLanguageOf } from '../../i18n/instance';
import { RevisionName, RevisionStatusBadge } from '../revisions/RevisionLabel';

/**
 * A revision as a trace names it [UR11]: colour (a link to its page), status
 * and, once aired, where and when; "not in a revision yet" for null.
 */
export function TraceRevisionLabel({ revision }: { revision: TraceRevision | null }) {
  const { t, i18n } = useTranslation('app');
  const lang = uiLanguageOf(i18n);
  if (!revision) return <span className="muted" data-testid="trace-no-revision">{t('trace.noRevision')}</span>;
  return (
    <span className="tr-revision" data-testid="trace-revision" data-revision-id={revision.id} data-status={revision.status}>
      <Link to={`/revisions/${encodeURIComponent(revision.id)}`} data-testid="trace-revision-link">
        <RevisionName colour={revision.colour} />
      </Link>
      <RevisionStatusBadge status={revision.status} />
      {revision.airedAt && (
        <span className="muted" data-testid="trace-aired">
          {t('trace.aired', {
            platform: revision.platform ? t(`platforms.${revision.platform}`, { defaultValue: revision.platform }) : '—',
            time: formatDate(revision.airedAt, lang, true),
          })}
        </span>
      )}
    </span>
  );
}
