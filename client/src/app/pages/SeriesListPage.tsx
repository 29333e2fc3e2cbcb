import { SeriesList } from '../../features/series/SeriesList';
import { useBreadcrumbs } from '../breadcrumbs';

/**
 * Route `/`: every series the user is a member of (site admins: all). Any
 * signed-in user may create a series and becomes its showrunner (the server's
 * POST /api/series needs only a session) [UA10].
 */
export function SeriesListPage() {
  useBreadcrumbs([]);
  return (
    <div className="page page-narrow">
      <SeriesList canCreate />
    </div>
  );
}
