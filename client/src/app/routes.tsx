import { Route, Routes } from 'react-router';
import { EpisodePage } from './pages/EpisodePage';
import { NotFoundPage } from './pages/NotFoundPage';
import { SeriesListPage } from './pages/SeriesListPage';
import { SeriesPage } from './pages/SeriesPage';
import { Shell } from './Shell';

/** The route table; rendered under BrowserRouter in the app and MemoryRouter in tests. */
export function AppRoutes() {
  return (
    <Routes>
      <Route element={<Shell />}>
        <Route index element={<SeriesListPage />} />
        <Route path="series/:seriesId" element={<SeriesPage />} />
        <Route path="episodes/:episodeId" element={<EpisodePage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
