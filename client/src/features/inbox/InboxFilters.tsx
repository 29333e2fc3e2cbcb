import { type Episode, FEEDBACK_KINDS } from '@loopline/shared';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button';
import { EpisodeOptions, PlatformOptions } from '../../ui/Options';
import { activeFilterCount, EMPTY_FILTERS, type FilterForm } from './filters';

/** Props of {@link InboxFilters}. */
export interface InboxFiltersProps {
  value: FilterForm;
  episodes: Episode[];
  /** Hides the episode filter when the inbox shows one episode. */
  fixedEpisode?: boolean;
  onChange: (next: FilterForm) => void;
}

/**
 * The inbox's search box and filters [UF8]. Selects apply at once; text
 * fields apply on Enter or "Apply" (a query per keystroke would reload a
 * 100,000-item list for every letter).
 */
export function InboxFilters({ value, episodes, fixedEpisode, onChange }: InboxFiltersProps) {
  const { t } = useTranslation('app');
  const id = useId();
  const [draft, setDraft] = useState(value);
  const [open, setOpen] = useState(false);
  useEffect(() => setDraft(value), [value]);

  const set = <K extends keyof FilterForm>(key: K, v: FilterForm[K], applyNow = false) => {
    const next = { ...draft, [key]: v };
    setDraft(next);
    if (applyNow) onChange(next);
  };
  const apply = (event?: FormEvent) => {
    event?.preventDefault();
    onChange(draft);
  };
  const reset = () => onChange({ ...EMPTY_FILTERS, episodeId: fixedEpisode ? value.episodeId : '' });
  const active = activeFilterCount(draft) - (fixedEpisode && draft.episodeId ? 1 : 0);

  const text = (key: 'from' | 'to' | 'minLikes' | 'timecodeFrom' | 'timecodeTo' | 'region' | 'custom', type = 'text', placeholder?: string) => (
    <label className="filter-field" htmlFor={`${id}-${key}`}>
      <span>{t(`inbox.filters.${key}`)}</span>
      <input
        id={`${id}-${key}`}
        className="input"
        type={type}
        value={draft[key]}
        placeholder={placeholder}
        {...(type === 'number' ? { min: 0, inputMode: 'numeric' as const } : {})}
        onChange={(e) => set(key, e.target.value)}
        data-testid={`inbox-filter-${key}`}
      />
    </label>
  );

  return (
    <form className="inbox-filters" onSubmit={apply} data-testid="inbox-filters">
      <div className="inbox-filter-row">
        <input
          className="input grow"
          type="search"
          value={draft.q}
          placeholder={t('inbox.searchPlaceholder')}
          aria-label={t('inbox.search')}
          onChange={(e) => set('q', e.target.value)}
          data-testid="inbox-search"
        />
        {!fixedEpisode && (
          <select className="select" aria-label={t('inbox.filters.episode')} value={draft.episodeId} onChange={(e) => set('episodeId', e.target.value, true)} data-testid="inbox-filter-episode">
            <option value="">{t('inbox.filters.allEpisodes')}</option>
            <EpisodeOptions episodes={episodes} />
          </select>
        )}
        <select className="select" aria-label={t('inbox.filters.kind')} value={draft.kind} onChange={(e) => set('kind', e.target.value as FilterForm['kind'], true)} data-testid="inbox-filter-kind">
          <option value="">{t('inbox.filters.allKinds')}</option>
          {FEEDBACK_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`feedbackKinds.${k}`)}
            </option>
          ))}
        </select>
        <select className="select" aria-label={t('inbox.filters.platform')} value={draft.platform} onChange={(e) => set('platform', e.target.value, true)} data-testid="inbox-filter-platform">
          <option value="">{t('inbox.filters.allPlatforms')}</option>
          <PlatformOptions />
        </select>
        <select
          className="select"
          aria-label={t('inbox.sort.label')}
          value={`${draft.sort}:${draft.order}`}
          onChange={(e) => {
            const [sort, order] = e.target.value.split(':') as [FilterForm['sort'], FilterForm['order']];
            onChange({ ...draft, sort, order });
          }}
          data-testid="inbox-sort"
        >
          <option value="time:desc">{t('inbox.sort.newest')}</option>
          <option value="time:asc">{t('inbox.sort.oldest')}</option>
          <option value="likes:desc">{t('inbox.sort.mostLiked')}</option>
          <option value="likes:asc">{t('inbox.sort.leastLiked')}</option>
        </select>
        <Button type="submit" variant="primary" data-testid="inbox-apply">
          {t('inbox.apply')}
        </Button>
        <Button variant="ghost" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="inbox-more-filters">
          {active > 0 ? t('inbox.moreFiltersActive', { count: active }) : t('inbox.moreFilters')}
        </Button>
        {active > 0 && (
          <Button variant="ghost" onClick={reset} data-testid="inbox-reset">
            {t('inbox.reset')}
          </Button>
        )}
      </div>
      {open && (
        <div className="inbox-filter-grid">
          {text('from', 'datetime-local')}
          {text('to', 'datetime-local')}
          {text('minLikes', 'number')}
          {text('timecodeFrom', 'text', '0:30')}
          {text('timecodeTo', 'text', '1:10')}
          {text('region')}
          <label className="filter-field">
            <span>{t('inbox.filters.paying')}</span>
            <select className="select" value={draft.paying} onChange={(e) => set('paying', e.target.value as FilterForm['paying'], true)} data-testid="inbox-filter-paying">
              <option value="">{t('inbox.filters.any')}</option>
              <option value="yes">{t('inbox.filters.payingYes')}</option>
              <option value="no">{t('inbox.filters.payingNo')}</option>
            </select>
          </label>
          <label className="filter-field">
            <span>{t('inbox.filters.viewerType')}</span>
            <select className="select" value={draft.viewerType} onChange={(e) => set('viewerType', e.target.value as FilterForm['viewerType'], true)} data-testid="inbox-filter-viewerType">
              <option value="">{t('inbox.filters.any')}</option>
              <option value="new">{t('inbox.filters.viewerNew')}</option>
              <option value="returning">{t('inbox.filters.viewerReturning')}</option>
            </select>
          </label>
          {text('custom', 'text', 'city=Chengdu; device=ios')}
          <label className="filter-field">
            <span>{t('inbox.filters.coordinated')}</span>
            <select className="select" value={draft.coordinated} onChange={(e) => set('coordinated', e.target.value as FilterForm['coordinated'], true)} data-testid="inbox-filter-coordinated">
              <option value="">{t('inbox.filters.coordinatedShown')}</option>
              <option value="exclude">{t('inbox.filters.coordinatedExclude')}</option>
              <option value="only">{t('inbox.filters.coordinatedOnly')}</option>
            </select>
          </label>
        </div>
      )}
    </form>
  );
}
