import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AuditEntry } from '../../api/audit';
import { formatDate } from '../../i18n/format';
import { uiLanguageOf } from '../../i18n/instance';
import { Empty } from '../../ui/States';
import { actionKey, describeDetails, describeTarget } from './auditText';
import './admin.css';

/**
 * The audit log as a table, newest first [UA12]: when, who (or "system"),
 * what (a translated name for known events, the stable name otherwise), on
 * what, and the details. `showSeries` adds a link to the series (site log).
 */
export function AuditList({ entries, showSeries }: { entries: readonly AuditEntry[]; showSeries: boolean }) {
  const { t, i18n } = useTranslation('app');
  const lang = uiLanguageOf(i18n);
  if (entries.length === 0) return <Empty>{t('audit.empty')}</Empty>;
  const sorted = [...entries].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  const actionLabel = (action: string) => (i18n.exists(actionKey(action), { ns: 'app' }) ? t(actionKey(action)) : action);
  return (
    <table className="audit-table" data-testid="audit-list">
      <thead>
        <tr>
          <th>{t('audit.at')}</th>
          <th>{t('audit.actor')}</th>
          <th>{t('audit.action')}</th>
          <th>{t('audit.target')}</th>
          {showSeries && <th>{t('audit.series')}</th>}
          <th>{t('audit.details')}</th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((entry) => (
          <tr key={entry.id} data-testid="audit-item" data-action={entry.action}>
            <td className="audit-at">
              <time dateTime={entry.at}>{formatDate(entry.at, lang, true)}</time>
            </td>
            <td title={entry.actor?.email}>{entry.actor ? entry.actor.displayName || entry.actor.email : <span className="muted">{t('audit.system')}</span>}</td>
            <td>
              <span title={entry.action}>{actionLabel(entry.action)}</span>
            </td>
            <td>{describeTarget(entry.target)}</td>
            {showSeries && <td>{entry.seriesId ? <Link to={`/series/${encodeURIComponent(entry.seriesId)}`}>{entry.seriesId}</Link> : null}</td>}
            <td className="audit-details" title={entry.details ? JSON.stringify(entry.details) : undefined}>
              {describeDetails(entry.details)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
