import { type Episode, KNOWN_PLATFORMS } from '@loopline/shared';
import { useTranslation } from 'react-i18next';

/** The `<option>`s of an episode picker, "Ep. n title" in the series' order; the `<select>` (and any "all" option) is the caller's. */
export function EpisodeOptions({ episodes }: { episodes: readonly Pick<Episode, 'id' | 'number' | 'title'>[] }) {
  const { t } = useTranslation('app');
  return episodes.map((ep) => (
    <option key={ep.id} value={ep.id}>
      {t('episodes.short', { number: ep.number })} {ep.title}
    </option>
  ));
}

/** The `<option>`s of a platform picker: every known platform, by its localized name. */
export function PlatformOptions() {
  const { t } = useTranslation('app');
  return KNOWN_PLATFORMS.map((p) => (
    <option key={p} value={p}>
      {t(`platforms.${p}`)}
    </option>
  ));
}
