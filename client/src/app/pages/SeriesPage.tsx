import { can } from '@loopline/shared';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { getSeries, myRoleOf, updateSeries } from '../../api/series';
import { EvidenceAuditPanel } from '../../features/audit/EvidenceAuditPanel';
import { BiblePanel } from '../../features/bible/BiblePanel';
import { EpisodeList } from '../../features/episodes/EpisodeList';
import { ImportPanel } from '../../features/imports/ImportPanel';
import { InboxPanel } from '../../features/inbox/InboxPanel';
import { MembersPanel } from '../../features/members/MembersPanel';
import { RoleBadge } from '../../features/members/RoleBadge';
import { SeriesAuditPanel } from '../../features/members/SeriesAuditPanel';
import { MetricsPanel } from '../../features/metrics/MetricsPanel';
import { PrivacyPanel } from '../../features/privacy/PrivacyPanel';
import { ReleasesPanel } from '../../features/releases/ReleasesPanel';
import { Badge } from '../../ui/Badge';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { InlineEdit } from '../../ui/InlineEdit';
import { Loading } from '../../ui/States';
import { useAction, useResource } from '../../ui/useResource';
import { useBreadcrumbs } from '../breadcrumbs';
import { useCurrentUser } from '../session';

const TABS = ['episodes', 'bible', 'inbox', 'imports', 'metrics', 'releases', 'evidence-audit', 'privacy', 'members', 'audit'] as const;
type Tab = (typeof TABS)[number];

/**
 * Route `/series/:seriesId`: title and the user's role, then the tabs
 * Episodes | Bible | Inbox | Imports (with `feedback.import`) | Metrics |
 * Releases | Privacy (with `privacy.manage`) | Members (with `members.manage`)
 * | Audit (with `audit.read`), kept in `?tab=` so reload and links keep it
 * [UA10, UA11, UF13].
 */
export function SeriesPage() {
  const { seriesId = '' } = useParams();
  const { t } = useTranslation('app');
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const loader = useCallback((signal: AbortSignal) => getSeries(seriesId, signal), [seriesId]);
  const { data: series, error, loading, reload } = useResource(loader);
  const action = useAction();
  useBreadcrumbs(series ? [{ label: series.title }] : []);

  if (error && !loading) return <div className="page"><ErrorMessage error={error} onRetry={reload} /></div>;
  if (!series) return <div className="page"><Loading /></div>;

  const role = myRoleOf(series);
  const allowed: Record<Tab, boolean> = {
    episodes: true,
    bible: true,
    inbox: can(role, 'series.read'),
    imports: can(role, 'feedback.import'),
    metrics: can(role, 'series.read'),
    releases: can(role, 'series.read'),
    'evidence-audit': can(role, 'series.read'),
    privacy: can(role, 'privacy.manage'),
    members: can(role, 'members.manage'),
    audit: can(role, 'audit.read'),
  };
  const asked = params.get('tab');
  // A tab the role may not see (an old link, a role just lowered) falls back to Episodes.
  const known = TABS.find((id) => id === asked);
  const tab: Tab = known && allowed[known] ? known : 'episodes';

  const select = (next: Tab) => setParams(next === 'episodes' ? {} : { tab: next }, { replace: true });
  const tabButton = (id: Tab, label: string, testId: string) => (
    <button
      type="button"
      role="tab"
      id={`tab-${id}`}
      aria-selected={tab === id}
      aria-controls={`panel-${id}`}
      className={`tab ${tab === id ? 'is-active' : ''}`}
      onClick={() => select(id)}
      data-testid={testId}
    >
      {label}
    </button>
  );

  return (
    <div className="page">
      <div className="page-header">
        <h1 className="page-title">
          {can(role, 'series.update') ? (
            <InlineEdit value={series.title} label={t('fields.title')} onSave={(title) => action.run(() => updateSeries(series.id, { title })).then(reload)} testId="series-title" />
          ) : (
            series.title
          )}
        </h1>
        {role && <RoleBadge role={role} />}
        <Badge tone="accent">{t(`scriptLanguage.${series.language}`)}</Badge>
        {series.archived && <Badge tone="muted">{t('common.archived')}</Badge>}
      </div>
      {action.error ? <ErrorMessage error={action.error} onDismiss={action.clearError} /> : null}
      <div className="tabs" role="tablist" aria-label={t('series.tabs')}>
        {tabButton('episodes', t('series.episodesTab'), 'episodes-tab')}
        {tabButton('bible', t('series.bibleTab'), 'bible-tab')}
        {allowed.inbox && tabButton('inbox', t('series.inboxTab'), 'inbox-tab')}
        {allowed.imports && tabButton('imports', t('series.importsTab'), 'imports-tab')}
        {allowed.metrics && tabButton('metrics', t('series.metricsTab'), 'metrics-tab')}
        {allowed.releases && tabButton('releases', t('series.releasesTab'), 'releases-tab')}
        {allowed['evidence-audit'] && tabButton('evidence-audit', t('evidenceAudit.tab'), 'evidence-audit-tab')}
        {allowed.privacy && tabButton('privacy', t('series.privacyTab'), 'privacy-tab')}
        {allowed.members && tabButton('members', t('series.membersTab'), 'members-tab')}
        {allowed.audit && tabButton('audit', t('series.auditTab'), 'audit-tab')}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tab-panel">
        {tab === 'episodes' && <EpisodeList seriesId={series.id} myRole={role} />}
        {tab === 'bible' && <BiblePanel seriesId={series.id} canEdit={can(role, 'bible.edit')} />}
        {tab === 'inbox' && <InboxPanel seriesId={series.id} myRole={role} />}
        {tab === 'imports' && <ImportPanel seriesId={series.id} />}
        {tab === 'metrics' && <MetricsPanel seriesId={series.id} />}
        {tab === 'releases' && <ReleasesPanel seriesId={series.id} canMark={can(role, 'release.mark')} />}
        {tab === 'evidence-audit' && <EvidenceAuditPanel seriesId={series.id} role={role} />}
        {tab === 'privacy' && <PrivacyPanel seriesId={series.id} />}
        {tab === 'members' && <MembersPanel seriesId={series.id} canManage={allowed.members} currentUserId={me.id} />}
        {tab === 'audit' && <SeriesAuditPanel seriesId={series.id} />}
      </div>
    </div>
  );
}
