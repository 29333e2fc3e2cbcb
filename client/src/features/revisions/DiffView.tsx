import type { Revision } from '@loopline/shared';
import { useCallback, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { getDiff, listRevisions } from '../../api/revisions';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Empty, Loading } from '../../ui/States';
import { useResource } from '../../ui/useResource';
import { RevisionName } from './RevisionLabel';
import { SceneDiffList } from './SceneDiffList';
import './revisions.css';

/** `to` value meaning the live script. */
export const CURRENT = 'current';

/** Props of {@link DiffView}. */
export interface DiffViewProps {
  episodeId: string;
  /** A revision id; default the latest revision. */
  from: string | null;
  /** A revision id or `current`; default `current`. */
  to: string | null;
  /** Called when the user picks other sides (the page keeps them in the URL). */
  onPick: (from: string, to: string) => void;
}

const label = (r: Revision) => `${r.colour} #${r.number}`;

/** The diff itself, once both sides are known. */
function DiffBody({ episodeId, from, to }: { episodeId: string; from: string; to: string }) {
  const { t } = useTranslation('app');
  const loader = useCallback((signal: AbortSignal) => getDiff(episodeId, from, to, signal), [episodeId, from, to]);
  const { data, error, loading, reload } = useResource(loader);
  if (error && !loading) return <ErrorMessage error={error} onRetry={reload} />;
  if (!data) return <Loading />;
  const { diff } = data;
  return (
    <div data-testid="diff-view" data-from={data.from.revisionId ?? ''} data-to={data.to.revisionId ?? CURRENT}>
      <p className="rv-diff-sides">
        {data.from.colour && <RevisionName colour={data.from.colour} />} →{' '}
        {data.to.colour ? <RevisionName colour={data.to.colour} /> : <span>{t('revisions.diff.now')}</span>}
      </p>
      <p className="muted" data-testid="diff-summary">
        {t('revisions.diff.summary', {
          added: diff.added.length,
          removed: diff.removed.length,
          moved: diff.moved.length,
          changed: diff.changed.length,
        })}
      </p>
      <SceneDiffList scenes={diff.scenes} evidence={data.evidence} />
    </div>
  );
}

/**
 * Compare two revisions of an episode, or a revision with the live script
 * [UR5]: two pickers, then the scene list with text-level changes and the
 * evidence of each changed scene [UR6].
 */
export function DiffView({ episodeId, from, to, onPick }: DiffViewProps) {
  const { t } = useTranslation('app');
  const id = useId();
  const loader = useCallback((signal: AbortSignal) => listRevisions(episodeId, signal), [episodeId]);
  const { data: revisions, error, loading, reload } = useResource(loader);
  if (error && !loading) return <ErrorMessage error={error} onRetry={reload} />;
  if (!revisions) return <Loading />;
  if (revisions.length === 0) return <Empty>{t('revisions.diff.noRevisions')}</Empty>;
  const byNumber = [...revisions].sort((a, b) => a.number - b.number);
  const fromId = from && revisions.some((r) => r.id === from) ? from : byNumber.at(-1)!.id;
  const toId = to !== null && (to === CURRENT || revisions.some((r) => r.id === to)) ? to : CURRENT;

  return (
    <section className="rv-diff panel">
      <div className="rv-diff-pickers">
        <label className="rv-field" htmlFor={`${id}-from`}>
          <span>{t('revisions.diff.from')}</span>
          <select id={`${id}-from`} className="select" value={fromId} onChange={(e) => onPick(e.target.value, toId)} data-testid="diff-from">
            {byNumber.map((r) => (
              <option key={r.id} value={r.id}>
                {label(r)}
              </option>
            ))}
          </select>
        </label>
        <label className="rv-field" htmlFor={`${id}-to`}>
          <span>{t('revisions.diff.to')}</span>
          <select id={`${id}-to`} className="select" value={toId} onChange={(e) => onPick(fromId, e.target.value)} data-testid="diff-to">
            <option value={CURRENT}>{t('revisions.diff.now')}</option>
            {byNumber.map((r) => (
              <option key={r.id} value={r.id}>
                {label(r)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <DiffBody episodeId={episodeId} from={fromId} to={toId} />
    </section>
  );
}
