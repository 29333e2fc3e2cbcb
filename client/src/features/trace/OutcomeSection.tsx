import type { Episode, RevisionOutcome } from '@loopline/shared';
import { useCallback, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getRevisionOutcome } from '../../api/revisions';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Loading } from '../../ui/States';
import { useResource } from '../../ui/useResource';
import { OutcomeView } from './OutcomeTable';

/** The outcome against another episode of the series (`?compareTo=`). */
function ComparedOutcome({ revisionId, compareTo, episodes }: { revisionId: string; compareTo: string; episodes?: ReadonlyMap<string, Episode> }) {
  const loader = useCallback((signal: AbortSignal) => getRevisionOutcome(revisionId, compareTo, signal), [revisionId, compareTo]);
  const { data, error, loading, reload } = useResource(loader);
  if (error && !loading) return <ErrorMessage error={error} onRetry={reload} />;
  if (!data) return <Loading />;
  return <OutcomeView outcome={data} episodes={episodes} />;
}

/**
 * A revision's outcome [UR13], by default against the server's choice of
 * "before" (the same episode before the release, else the previous one);
 * once aired, another episode of the series can be picked to compare with.
 */
export function OutcomeSection({ revisionId, outcome, episodes }: { revisionId: string; outcome: RevisionOutcome | null; episodes?: ReadonlyMap<string, Episode> }) {
  const { t } = useTranslation('app');
  const id = useId();
  const [compareTo, setCompareTo] = useState('');
  if (!outcome?.release) return <p className="muted" data-testid="outcome-not-aired">{t('outcome.notAired')}</p>;
  const choices = episodes ? [...episodes.values()].sort((a, b) => a.number - b.number) : [];
  return (
    <>
      {choices.length > 1 && (
        <label className="rv-field oc-compare" htmlFor={`${id}-cmp`}>
          <span>{t('outcome.compareWith')}</span>
          <select id={`${id}-cmp`} className="select" value={compareTo} onChange={(e) => setCompareTo(e.target.value)} data-testid="outcome-compare">
            <option value="">{t('outcome.compareDefault')}</option>
            {choices.map((e) => (
              <option key={e.id} value={e.id}>
                {t('episodes.short', { number: e.number })} {e.title}
              </option>
            ))}
          </select>
        </label>
      )}
      {compareTo ? <ComparedOutcome revisionId={revisionId} compareTo={compareTo} episodes={episodes} /> : <OutcomeView outcome={outcome} episodes={episodes} />}
    </>
  );
}
