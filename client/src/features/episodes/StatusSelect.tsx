import { EPISODE_STATUSES, type EpisodeStatus } from '@loopline/shared';
import { useTranslation } from 'react-i18next';

/** A status picker styled as a coloured badge (draft grey, in review blue, locked amber, aired green). */
export function StatusSelect({ value, onChange, disabled }: { value: EpisodeStatus; onChange: (next: EpisodeStatus) => void; disabled?: boolean }) {
  const { t } = useTranslation('app');
  return (
    <select
      className={`status-select status-${value}`}
      value={value}
      aria-label={t('fields.status')}
      disabled={disabled}
      onChange={(e) => onChange(e.target.value as EpisodeStatus)}
      data-testid="episode-status"
    >
      {EPISODE_STATUSES.map((s) => (
        <option key={s} value={s}>
          {t(`status.${s}`)}
        </option>
      ))}
    </select>
  );
}
