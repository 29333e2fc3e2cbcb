import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ChangePasswordDialog } from '../features/auth/ChangePasswordDialog';
import { Badge } from '../ui/Badge';
import { useSession } from './session';
import { colorForUser } from './userColor';
import './userMenu.css';

/**
 * The header's account menu [UA7]: the signed-in name (with the cursor colour
 * co-writers see), e-mail, the admin pages for site admins, password change
 * and sign-out.
 */
export function UserMenu() {
  const { t } = useTranslation('app');
  const { user, signOut } = useSession();
  const [open, setOpen] = useState(false);
  const [changing, setChanging] = useState(false);
  const [notice, setNotice] = useState(false);
  const root = useRef<HTMLDivElement>(null);

  // A menu closes on Escape and on any click outside it.
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && setOpen(false);
    const onDown = (event: MouseEvent) => {
      if (root.current && !root.current.contains(event.target as Node)) setOpen(false);
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('mousedown', onDown);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('mousedown', onDown);
    };
  }, [open]);

  if (!user) return null;
  const close = () => setOpen(false);
  return (
    <div className="user-menu" ref={root}>
      <button
        type="button"
        className="user-slot"
        aria-haspopup="menu"
        aria-expanded={open}
        title={t('nav.userMenu')}
        onClick={() => setOpen((o) => !o)}
        data-testid="user-menu"
      >
        <span className="user-dot" style={{ background: colorForUser(user.id) }} aria-hidden="true" />
        <span className="user-name">{user.displayName}</span>
      </button>
      {open && (
        <div className="user-menu-popover" role="menu" aria-label={t('nav.userMenu')}>
          <div className="user-menu-who">
            <strong>{user.displayName}</strong>
            <span className="muted">{user.email}</span>
            {user.isAdmin && <Badge tone="accent">{t('account.siteAdmin')}</Badge>}
          </div>
          {user.isAdmin && (
            <>
              <Link role="menuitem" className="user-menu-item" to="/admin/users" onClick={close} data-testid="nav-users">
                {t('account.users')}
              </Link>
              <Link role="menuitem" className="user-menu-item" to="/admin/audit" onClick={close} data-testid="nav-audit">
                {t('account.auditLog')}
              </Link>
            </>
          )}
          <button
            type="button"
            role="menuitem"
            className="user-menu-item"
            onClick={() => {
              close();
              setChanging(true);
            }}
            data-testid="open-change-password"
          >
            {t('auth.changePassword')}
          </button>
          <button
            type="button"
            role="menuitem"
            className="user-menu-item"
            onClick={() => {
              close();
              void signOut();
            }}
            data-testid="logout"
          >
            {t('auth.signOut')}
          </button>
        </div>
      )}
      {changing && (
        <ChangePasswordDialog
          onClose={() => setChanging(false)}
          onDone={() => {
            setChanging(false);
            setNotice(true);
          }}
        />
      )}
      {notice && (
        <output className="user-menu-notice" data-testid="password-changed">
          {t('auth.passwordChanged')}
          <button type="button" className="btn btn-sm btn-ghost" onClick={() => setNotice(false)} aria-label={t('common.close')}>
            ×
          </button>
        </output>
      )}
    </div>
  );
}
