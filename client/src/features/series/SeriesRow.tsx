import { can, type Series } from '@loopline/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { myRoleOf, type SeriesPatchInput, updateSeries } from '../../api/series';
import { formatDate } from '../../i18n/format';
import { uiLanguageOf } from '../../i18n/instance';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { InlineEdit } from '../../ui/InlineEdit';
import type { Action } from '../../ui/useResource';
import { RoleBadge } from '../members/RoleBadge';

/**
 * One series in the list: link, the user's role, language, last update; rename
 * and archive only for roles with `series.update` [UA10].
 */
export function SeriesRow({ series, action, onChanged }: { series: Series; action: Action; onChanged: () => void }) {
  const { t, i18n } = useTranslation('app');
  const lang = uiLanguageOf(i18n);
  const [renaming, setRenaming] = useState(false);
  const patch = (changes: SeriesPatchInput) => updateSeries(series.id, changes).then(onChanged);
  const role = myRoleOf(series);
  const canUpdate = can(role, 'series.update');
  const link = (
    <Link to={`/series/${series.id}`} className="series-item-title" data-testid="open-series">
      {series.title}
    </Link>
  );

  return (
    <li className={`series-item ${series.archived ? 'is-archived' : ''}`} data-testid="series-item" data-series-id={series.id}>
      <div className="series-item-main">
        {canUpdate ? (
          <InlineEdit
            value={series.title}
            label={t('fields.title')}
            onSave={(title) => action.run(() => patch({ title }))}
            editing={renaming}
            onEditingChange={setRenaming}
            testId="rename-series"
            view={link}
          />
        ) : (
          link
        )}
        <div className="series-item-meta">
          {role && <RoleBadge role={role} />}
          <Badge tone="accent">{t(`scriptLanguage.${series.language}`)}</Badge>
          {series.archived && <Badge tone="muted">{t('common.archived')}</Badge>}
          <span className="muted">{t('series.updated', { date: formatDate(series.updatedAt, lang) })}</span>
        </div>
      </div>
      {canUpdate && (
        <div className="row-actions">
          <Button size="sm" variant="ghost" onClick={() => setRenaming(true)} disabled={renaming} data-testid="rename-series">
            {t('common.rename')}
          </Button>
          <Button
            size="sm"
            variant="ghost"
            disabled={action.pending}
            onClick={() => action.fire(() => patch({ archived: !series.archived }))}
            data-testid="archive-series"
          >
            {series.archived ? t('common.unarchive') : t('common.archive')}
          </Button>
        </div>
      )}
    </li>
  );
}
