import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { Loading } from '../ui/States';
import { AuditPage } from './pages/AuditPage';
import { DiffPage } from './pages/DiffPage';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { RevisionPage } from './pages/RevisionPage';
import { SeriesListPage } from './pages/SeriesListPage';
import { SeriesPage } from './pages/SeriesPage';
import { SetupPage } from './pages/SetupPage';
import { ItemTracePage, SceneTracePage } from './pages/TracePage';
import { UsersPage } from './pages/UsersPage';
import { RequireSession, RequireSiteAdmin } from './RequireSession';
import { Shell } from './Shell';
import { SessionProvider } from './session';

// The editor (ProseMirror + Yjs) is most of the bundle: only the episode page loads it,
// so the sign-in page and the lists start fast.
const EpisodePage = lazy(() => import('./pages/EpisodePage').then((m) => ({ default: m.EpisodePage })));

/**
 * The route table; rendered under BrowserRouter in the app and MemoryRouter in tests.
 * `/login` and `/setup` are open; everything else sits behind the session gate [UA3].
 */
export function AppRoutes() {
  return (
    <SessionProvider>
      <Routes>
        <Route path="login" element={<LoginPage />} />
        <Route path="setup" element={<SetupPage />} />
        <Route element={<RequireSession />}>
          <Route element={<Shell />}>
            <Route index element={<SeriesListPage />} />
            <Route path="series/:seriesId" element={<SeriesPage />} />
            <Route
              path="episodes/:episodeId"
              element={
                <Suspense fallback={<Loading />}>
                  <EpisodePage />
                </Suspense>
              }
            />
            <Route path="episodes/:episodeId/diff" element={<DiffPage />} />
            <Route path="revisions/:revisionId" element={<RevisionPage />} />
            <Route path="trace/item/:itemId" element={<ItemTracePage />} />
            <Route path="trace/scene/:episodeId/:sceneId" element={<SceneTracePage />} />
            <Route path="admin" element={<RequireSiteAdmin />}>
              <Route path="users" element={<UsersPage />} />
              <Route path="audit" element={<AuditPage />} />
            </Route>
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Route>
      </Routes>
    </SessionProvider>
  );
}
