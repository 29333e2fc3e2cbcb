import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useBreadcrumbs } from '../breadcrumbs';

/** Any unknown route. */
export function NotFoundPage() {
  const { t } = useTranslation('app');
  useBreadcrumbs([{ label: t('notFound.title') }]);
  return (
    <div className="page page-narrow">
      <div className="state state-empty">
        <h1 className="panel-title">{t('notFound.title')}</h1>
        <Link to="/">{t('notFound.back')}</Link>
      </div>
    </div>
  );
}
