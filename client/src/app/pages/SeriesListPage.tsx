import { SeriesList } from '../../features/series/SeriesList';
import { useBreadcrumbs } from '../breadcrumbs';
import { useCurrentUser } from '../session';

/** Route `/`: every series the user is a member of (site admins: all, and they create them). */
export function SeriesListPage() {
  useBreadcrumbs([]);
  const user = useCurrentUser();
  return (
    <div className="page page-narrow">
      <SeriesList canCreate={user.isAdmin} />
    </div>
  );
}
