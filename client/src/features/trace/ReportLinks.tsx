import { useTranslation } from 'react-i18next';
import { type ReportFormat, reportUrl } from '../../api/revisions';

const FORMATS: readonly ReportFormat[] = ['html', 'pdf'];

/**
 * Evidence report downloads of a revision or an episode [UR12]: plain links
 * to the report routes, so the browser saves the attachment the server names.
 */
export function ReportLinks({ scope, id }: { scope: 'revision' | 'episode'; id: string }) {
  const { t } = useTranslation('app');
  return (
    <span className="rv-reports" data-testid={`${scope}-reports`}>
      <span className="muted">{t('trace.report')}</span>
      {FORMATS.map((format) => (
        <a key={format} href={reportUrl(scope, id, format)} download className="btn btn-ghost btn-sm" data-testid={`${scope}-report-${format}`}>
          {t(`trace.reportFormat.${format}`)}
        </a>
      ))}
    </span>
  );
}
