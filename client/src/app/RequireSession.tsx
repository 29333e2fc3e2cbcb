import { Navigate, Outlet, useLocation } from 'react-router';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Loading } from '../ui/States';
import { NotFoundPage } from './pages/NotFoundPage';
import { loginPath } from './redirect';
import { useSession } from './session';

/**
 * The gate in front of every page but sign-in and set-up [UA3]: first-run
 * set-up while no account exists, the sign-in page (remembering the intended
 * URL) without a session, the page otherwise.
 */
export function RequireSession() {
  const session = useSession();
  const location = useLocation();
  if (session.status === 'error' && !session.user) {
    return (
      <div className="page page-narrow">
        <ErrorMessage error={session.error} onRetry={session.reload} />
      </div>
    );
  }
  if (session.status === 'loading' && !session.user) {
    return (
      <div className="page page-narrow">
        <Loading />
      </div>
    );
  }
  if (session.setupRequired) return <Navigate to="/setup" replace />;
  if (!session.user) {
    // After "Sign out" the next person starts at home, not on the last user's page.
    const to = session.signedOutReason === 'logout' ? '/login' : loginPath(location);
    return <Navigate to={to} replace />;
  }
  return <Outlet />;
}

/** Pages for site admins only; anyone else sees "not found", as for any page they may not know about [UA9]. */
export function RequireSiteAdmin() {
  const { user } = useSession();
  return user?.isAdmin ? <Outlet /> : <NotFoundPage />;
}
