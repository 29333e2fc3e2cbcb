import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch';
import '../features/auth/auth.css';

/** The frame of the signed-out pages: brand and language switch over one centred card. */
export function AuthFrame({ title, lead, children }: { title: string; lead?: string; children: ReactNode }) {
  const { t } = useTranslation('app');
  return (
    <div className="auth-frame">
      <header className="auth-frame-header">
        <span className="brand">
          <span className="brand-mark" aria-hidden="true">
            ∞
          </span>
          {t('brand')}
        </span>
        <LanguageSwitch />
      </header>
      <main className="auth-frame-main">
        <section className="auth-card">
          <h1 className="auth-card-title">{title}</h1>
          {lead && <p className="auth-card-lead">{lead}</p>}
          {children}
        </section>
      </main>
    </div>
  );
}
