import { useTranslation } from 'react-i18next';
import { Link, Outlet } from 'react-router';
import { BreadcrumbProvider, Breadcrumbs } from './breadcrumbs';
import { LanguageSwitch } from './LanguageSwitch';
import { UserMenu } from './UserMenu';

/** The frame of every page: a slim header (brand, trail, language, user) over the page. */
export function Shell() {
  const { t } = useTranslation('app');
  return (
    <BreadcrumbProvider>
      <div className="shell">
        <header className="shell-header">
          <Link to="/" className="brand">
            <span className="brand-mark" aria-hidden="true">
              ∞
            </span>
            {t('brand')}
          </Link>
          <Breadcrumbs />
          <div className="shell-header-end">
            <LanguageSwitch />
            <UserMenu />
          </div>
        </header>
        <main className="shell-main">
          <Outlet />
        </main>
      </div>
    </BreadcrumbProvider>
  );
}
