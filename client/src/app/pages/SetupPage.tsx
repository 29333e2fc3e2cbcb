import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { SetupForm } from '../../features/auth/SetupForm';
import { Loading } from '../../ui/States';
import { AuthFrame } from '../AuthFrame';
import { useSession } from '../session';

/** Route `/setup`: first-run creation of the first admin; once any account exists it leads to sign-in [UA5]. */
export function SetupPage() {
  const { t } = useTranslation('app');
  const session = useSession();
  if (session.status === 'loading' && !session.user) return <Loading />;
  if (!session.setupRequired) return <Navigate to={session.user ? '/' : '/login'} replace />;
  return (
    <AuthFrame title={t('auth.setupTitle')} lead={t('auth.setupLead')}>
      {/* Set-up signs the admin in: the re-render redirects home. */}
      <SetupForm onSignedIn={session.signedIn} />
    </AuthFrame>
  );
}
