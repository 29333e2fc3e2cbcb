import { useTranslation } from 'react-i18next';
import { Navigate, useSearchParams } from 'react-router';
import { LoginForm } from '../../features/auth/LoginForm';
import { Loading } from '../../ui/States';
import { AuthFrame } from '../AuthFrame';
import { safeNext } from '../redirect';
import { useSession } from '../session';

/** Route `/login`: the sign-in form; afterwards the page the visitor asked for (`?next=`) [UA3]. */
export function LoginPage() {
  const { t } = useTranslation('app');
  const session = useSession();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));

  if (session.status === 'loading' && !session.user) return <Loading />;
  if (session.setupRequired) return <Navigate to="/setup" replace />;
  if (session.user) return <Navigate to={next} replace />;
  return (
    <AuthFrame title={t('auth.signInTitle')} lead={session.signedOutReason === 'expired' ? t('auth.sessionEnded') : undefined}>
      {/* Signing in re-renders this page with a user, which redirects to `next`. */}
      <LoginForm onSignedIn={session.signedIn} />
    </AuthFrame>
  );
}
