import { SeriesList } from '../../features/series/SeriesList';
import { useBreadcrumbs } from '../breadcrumbs';

/** Route `/`: every series of the room. */
export function SeriesListPage() {
  useBreadcrumbs([]);
  return (
    <div className="page page-narrow">
      <SeriesList />
    </div>
  );
}
