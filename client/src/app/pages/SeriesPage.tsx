import { can } from '@loopline/shared';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { getSeries, myRoleOf, updateSeries } from '../../api/series';
import { BiblePanel } from '../../features/bible/BiblePanel';
import { EpisodeList } from '../../features/episodes/EpisodeList';
import { MembersPanel } from '../../features/members/MembersPanel';
import { RoleBadge } from '../../features/members/RoleBadge';
import { SeriesAuditPanel } from '../../features/members/SeriesAuditPanel';
import { Badge } from '../../ui/Badge';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { InlineEdit } from '../../ui/InlineEdit';
import { Loading } from '../../ui/States';
import { useAction, useResource } from '../../ui/useResource';
import { useBreadcrumbs } from '../breadcrumbs';
import { useCurrentUser } from '../session';

type Tab = 'episodes' | 'bible' | 'members' | 'audit';

/**
 * Route `/series/:seriesId`: title and the user's role, then the tabs
 * Episodes | Bible | Members (with `members.manage`) | Audit (with `audit.read`),
 * kept in `?tab=` so reload and links keep it [UA10, UA11].
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
    members: can(role, 'members.manage'),
    audit: can(role, 'audit.read'),
  };
  const asked = params.get('tab');
  // A tab the role may not see (an old link, a role just lowered) falls back to Episodes.
  const tab: Tab = asked === 'bible' || asked === 'members' || asked === 'audit' ? (allowed[asked] ? asked : 'episodes') : 'episodes';

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
        {allowed.members && tabButton('members', t('series.membersTab'), 'members-tab')}
        {allowed.audit && tabButton('audit', t('series.auditTab'), 'audit-tab')}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tab-panel">
        {tab === 'episodes' && <EpisodeList seriesId={series.id} myRole={role} />}
        {tab === 'bible' && <BiblePanel seriesId={series.id} canEdit={can(role, 'bible.edit')} />}
        {tab === 'members' && <MembersPanel seriesId={series.id} canManage={allowed.members} currentUserId={me.id} />}
        {tab === 'audit' && <SeriesAuditPanel seriesId={series.id} />}
      </div>
    </div>
  );
}
