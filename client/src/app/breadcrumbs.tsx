import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** One step of the trail; the last one is the current page and gets no link. */
export interface Crumb {
  label: string;
  to?: string;
}

type SetCrumbs = (crumbs: Crumb[]) => void;
const CrumbsContext = createContext<{ crumbs: Crumb[]; setCrumbs: SetCrumbs } | null>(null);

/** Holds the breadcrumb trail that pages declare and the header shows. */
export function BreadcrumbProvider({ children }: { children: ReactNode }) {
  const [crumbs, setCrumbs] = useState<Crumb[]>([]);
  const value = useMemo(() => ({ crumbs, setCrumbs }), [crumbs]);
  return <CrumbsContext.Provider value={value}>{children}</CrumbsContext.Provider>;
}

/**
 * Declares the current page's trail (after the home crumb). Pages call it
 * with labels derived from loaded data; it clears when the page unmounts.
 */
export function useBreadcrumbs(crumbs: Crumb[]): void {
  const ctx = useContext(CrumbsContext);
  const setCrumbs = ctx?.setCrumbs;
  // Compare by content: callers build a fresh array on every render.
  const key = JSON.stringify(crumbs);
  useEffect(() => {
    if (!setCrumbs) return;
    setCrumbs(JSON.parse(key) as Crumb[]);
    return () => setCrumbs([]);
  }, [key, setCrumbs]);
}

/** The trail in the header: "All series › Signed for Twins › Ep. 3". */
export function Breadcrumbs() {
  const { t } = useTranslation('app');
  const crumbs = useContext(CrumbsContext)?.crumbs ?? [];
  const all: Crumb[] = [{ label: t('nav.home'), to: '/' }, ...crumbs];
  return (
    <nav className="breadcrumbs" aria-label={t('nav.breadcrumbs')}>
      <ol>
        {all.map((crumb, i) => {
          const last = i === all.length - 1;
          return (
            <li key={`${crumb.to ?? ''}|${crumb.label}`}>
              {crumb.to && !last ? (
                <Link to={crumb.to}>{crumb.label}</Link>
              ) : (
                <span aria-current={last ? 'page' : undefined}>{crumb.label}</span>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
