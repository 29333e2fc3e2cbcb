import {
  type EvidenceFilter,
  type EvidenceLink,
  type EvidenceSet,
  LINK_STANCES,
  LINK_WEIGHTS,
  type LinkStance,
  type LinkWeight,
  type OutlineScene,
  type SpanAnchor,
} from '@loopline/shared';
import { type FormEvent, useCallback, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getOutline, listEpisodes } from '../../api/episodes';
import { createEvidenceSet, createLink, listEvidenceSets, type NewLinkInput } from '../../api/evidence';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { EpisodeOptions } from '../../ui/Options';
import { useAction, useResource } from '../../ui/useResource';
import { SafeText } from '../inbox/SafeText';
import { SampleLine } from './SampleLine';
import { StateBadge } from './StateBadge';
import { previewSample, type SamplePreview, type SelectedItem } from './sample';
import './evidence.css';

/** Where the evidence of a new link comes from. */
export type LinkSource = 'items' | 'filter' | 'set';

/** Props of {@link LinkDialog}. */
export interface LinkDialogProps {
  seriesId: string;
  /** Feedback chosen in the inbox (its selection, or the rows dragged). */
  items?: readonly SelectedItem[];
  /** The inbox's current filter, offered as a new evidence set, with what is known of its sample. */
  filter?: { filter: EvidenceFilter; preview: SamplePreview };
  /** Offer the series' saved evidence sets. */
  offerSets?: boolean;
  initialSource?: LinkSource;
  /** Episode and scene chosen when the dialog opens (a drop on the navigator, the scene under the cursor). */
  target?: { episodeId: string; sceneId?: string };
  /** The live outline of the episode open in the editor: scenes added a moment ago are there. */
  liveOutline?: { episodeId: string; scenes: readonly OutlineScene[] };
  /** A span of the script (the editor's selection): episode and scene are then fixed. */
  span?: SpanAnchor;
  onClose: () => void;
  onLinked?: (link: EvidenceLink) => void;
}

const MAX_RATIONALE = 2000;
const DEFAULT_WEIGHT: LinkWeight = 1;

/** The scenes an episode's outline offers (only those with an id can be linked). */
function useScenes(episodeId: string, live: LinkDialogProps['liveOutline']): { scenes: readonly OutlineScene[]; loading: boolean; error: unknown } {
  const useLive = live !== undefined && live.episodeId === episodeId;
  const loader = useCallback(
    (signal: AbortSignal) => (episodeId === '' || useLive ? Promise.resolve(null) : getOutline<{ scenes: OutlineScene[] }>(episodeId, signal)),
    [episodeId, useLive],
  );
  const outline = useResource(loader);
  const scenes = useLive ? live.scenes : (outline.data?.scenes ?? []);
  return { scenes: scenes.filter((s) => s.sceneId !== null), loading: !useLive && outline.loading, error: useLive ? null : outline.error };
}

/**
 * "Link to scene…" [UE2] [UE3] [UE8]: the evidence (selected items, the
 * current filter saved as a named evidence set, or a saved set), the scene
 * (episode + scene pickers, or fixed by a span of the script), rationale,
 * stance and weight, and the sample before confirming; afterwards the link
 * as the server made it, with its own sample and state.
 */
export function LinkDialog(props: LinkDialogProps) {
  const { seriesId, items = [], filter, offerSets = false, span, onClose, onLinked } = props;
  const { t } = useTranslation('app');
  const id = useId();
  const sources = useMemo(() => {
    const out: LinkSource[] = [];
    if (items.length > 0) out.push('items');
    if (filter) out.push('filter');
    if (offerSets) out.push('set');
    return out;
  }, [items.length, filter, offerSets]);
  const [source, setSource] = useState<LinkSource | null>(() => (props.initialSource && sources.includes(props.initialSource) ? props.initialSource : (sources[0] ?? null)));
  const [setName, setSetName] = useState('');
  const [setId, setSetId] = useState('');
  const [episodeId, setEpisodeId] = useState(props.target?.episodeId ?? '');
  const [sceneId, setSceneId] = useState(span?.sceneId ?? props.target?.sceneId ?? '');
  const [rationale, setRationale] = useState('');
  const [stance, setStance] = useState<LinkStance>('motivates');
  const [weight, setWeight] = useState<LinkWeight>(DEFAULT_WEIGHT);
  const [savedSet, setSavedSet] = useState<EvidenceSet | null>(null);
  const [created, setCreated] = useState<EvidenceLink | null>(null);
  const action = useAction();

  const episodesLoader = useCallback((signal: AbortSignal) => listEpisodes(seriesId, {}, signal), [seriesId]);
  const episodes = useResource(episodesLoader);
  const setsLoader = useCallback((signal: AbortSignal) => (offerSets ? listEvidenceSets(seriesId, signal) : Promise.resolve([])), [seriesId, offerSets]);
  const sets = useResource(setsLoader);
  const { scenes, loading: scenesLoading, error: scenesError } = useScenes(episodeId, props.liveOutline);
  const scene = scenes.find((s) => s.sceneId === sceneId);
  const chosenSet = sets.data?.find((s) => s.id === setId);

  const preview: { counts: { mentions: number; distinctViewers: number | null; coordinated: number }; exact: boolean } | null =
    source === 'items'
      ? // Rows dragged from elsewhere may come without authors: viewers are then counted by the server.
        { counts: items.some((i) => i.author === '') ? { ...previewSample(items), distinctViewers: null } : previewSample(items), exact: true }
      : source === 'filter' && filter
        ? { counts: filter.preview, exact: filter.preview.exact }
        : source === 'set' && chosenSet
          ? { counts: { mentions: chosenSet.matched, distinctViewers: null, coordinated: 0 }, exact: true }
          : null;

  const sourceReady = source === 'items' ? items.length > 0 : source === 'filter' ? setName.trim() !== '' : source === 'set' ? setId !== '' : false;
  const ready = sourceReady && episodeId !== '' && sceneId !== '' && rationale.length <= MAX_RATIONALE && !action.pending;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!ready || !source) return;
    action.fire(async () => {
      const input: NewLinkInput = { sceneId, rationale: rationale.trim(), stance, weight };
      if (source === 'items') input.itemIds = items.map((i) => i.id);
      else if (source === 'set') input.evidenceSetId = setId;
      else if (filter) {
        // A retry after a refused link reuses the set saved by the first attempt.
        const set = savedSet ?? (await createEvidenceSet(seriesId, { name: setName.trim(), filter: filter.filter }));
        setSavedSet(set);
        input.evidenceSetId = set.id;
      }
      if (span) input.span = { blockIndex: span.blockIndex, start: span.start, end: span.end, quote: span.quote };
      const link = await createLink(episodeId, input);
      setCreated(link);
      onLinked?.(link);
    });
  };

  if (created) {
    return (
      <Dialog title={t('evidence.dialog.createdTitle')} onClose={onClose} testId="evidence-link-dialog">
        <div className="form-stack" data-testid="evidence-link-created" data-link-id={created.id} data-state={created.state}>
          <p>
            {t('evidence.dialog.createdTo')} <SafeText text={scene ? `${scene.number} ${scene.heading}` : created.anchor.heading} />
          </p>
          {created.anchor.kind === 'span' && (
            <blockquote className="ev-quote">
              <SafeText text={created.anchor.quote} />
            </blockquote>
          )}
          <div className="ev-row">
            <StateBadge state={created.state} />
            <SampleLine sample={created.sample} testId="evidence-created-sample" />
          </div>
          {savedSet && <p className="muted">{t('evidence.dialog.setSaved', { name: savedSet.name, count: savedSet.matched })}</p>}
          <div className="form-actions">
            <Button variant="primary" onClick={onClose} data-testid="evidence-link-done">
              {t('evidence.dialog.done')}
            </Button>
          </div>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog title={span ? t('evidence.dialog.spanTitle') : t('evidence.dialog.title')} onClose={onClose} testId="evidence-link-dialog">
      <form className="form-stack ev-dialog" onSubmit={submit}>
        {sources.length > 1 && (
          <fieldset className="ev-choice" data-testid="evidence-source">
            <legend>{t('evidence.dialog.source')}</legend>
            {sources.map((s) => (
              <label key={s} className="toggle">
                <input type="radio" name={`${id}-source`} checked={source === s} onChange={() => setSource(s)} data-testid={`evidence-source-${s}`} />
                {s === 'items' ? t('evidence.dialog.sourceItems', { count: items.length }) : t(`evidence.dialog.source_${s}`)}
              </label>
            ))}
          </fieldset>
        )}
        {sources.length === 0 && <p className="ev-problem">{t('evidence.dialog.noEvidence')}</p>}
        {source === 'filter' && (
          <label className="ev-field">
            <span>{t('evidence.dialog.setName')}</span>
            <input className="input" value={setName} maxLength={200} onChange={(e) => setSetName(e.target.value)} data-testid="evidence-set-name" />
          </label>
        )}
        {source === 'set' && (
          <label className="ev-field">
            <span>{t('evidence.dialog.savedSet')}</span>
            <select className="select" value={setId} disabled={sets.loading && !sets.data} onChange={(e) => setSetId(e.target.value)} data-testid="evidence-set-picker">
              <option value="">{sets.loading && !sets.data ? t('common.loading') : t('evidence.dialog.chooseSet')}</option>
              {(sets.data ?? []).map((s) => (
                <option key={s.id} value={s.id}>
                  {t('evidence.dialog.setOption', { name: s.name, count: s.matched })}
                </option>
              ))}
            </select>
          </label>
        )}
        {sets.error ? <ErrorMessage error={sets.error} onRetry={sets.reload} /> : null}
        {span ? (
          <div className="ev-field">
            <span>{t('evidence.dialog.span')}</span>
            <p className="ev-scene-fixed">{scene ? `${scene.number} ${scene.heading}` : span.heading}</p>
            <blockquote className="ev-quote" data-testid="evidence-dialog-quote">
              <SafeText text={span.quote} />
            </blockquote>
          </div>
        ) : (
          <>
            <label className="ev-field">
              <span>{t('evidence.dialog.episode')}</span>
              <select
                className="select"
                value={episodeId}
                onChange={(e) => {
                  setEpisodeId(e.target.value);
                  setSceneId('');
                }}
                data-testid="evidence-episode-picker"
              >
                <option value="">{t('evidence.dialog.chooseEpisode')}</option>
                <EpisodeOptions episodes={episodes.data ?? []} />
              </select>
            </label>
            <label className="ev-field">
              <span>{t('evidence.dialog.scene')}</span>
              <select className="select" value={sceneId} disabled={episodeId === '' || scenesLoading} onChange={(e) => setSceneId(e.target.value)} data-testid="evidence-scene-picker">
                <option value="">{scenesLoading ? t('common.loading') : t('evidence.dialog.chooseScene')}</option>
                {scenes.map((s) => (
                  <option key={s.sceneId} value={s.sceneId ?? ''}>
                    {s.number} {s.heading || t('evidence.dialog.untitled')}
                  </option>
                ))}
              </select>
            </label>
            {episodeId !== '' && !scenesLoading && scenes.length === 0 && !scenesError && <p className="muted">{t('evidence.dialog.noScenes')}</p>}
          </>
        )}
        {episodes.error || scenesError ? <ErrorMessage error={episodes.error ?? scenesError} /> : null}
        <label className="ev-field">
          <span>{t('evidence.dialog.rationale')}</span>
          <textarea
            className="input"
            rows={3}
            value={rationale}
            maxLength={MAX_RATIONALE}
            placeholder={t('evidence.dialog.rationaleHint')}
            onChange={(e) => setRationale(e.target.value)}
            data-testid="evidence-rationale"
          />
        </label>
        <fieldset className="ev-choice" data-testid="evidence-stance">
          <legend>{t('evidence.dialog.stance')}</legend>
          {LINK_STANCES.map((s) => (
            <label key={s} className="toggle">
              <input type="radio" name={`${id}-stance`} checked={stance === s} onChange={() => setStance(s)} data-testid={`evidence-stance-${s}`} />
              {t(`evidence.stance.${s}`)}
            </label>
          ))}
        </fieldset>
        <label className="ev-field">
          <span>{t('evidence.dialog.weight')}</span>
          <select className="select" value={weight} onChange={(e) => setWeight(Number(e.target.value) as LinkWeight)} data-testid="evidence-weight">
            {LINK_WEIGHTS.map((w) => (
              <option key={w} value={w}>
                {t(`evidence.weight.${w}`)}
              </option>
            ))}
          </select>
        </label>
        <div className="ev-field">
          <span>{t('evidence.dialog.sample')}</span>
          {preview ? (
            <SampleLine sample={preview.counts} exact={preview.exact} testId="evidence-preview-sample" />
          ) : (
            <span className="muted">{t('evidence.dialog.noSample')}</span>
          )}
        </div>
        {action.error ? <ErrorMessage error={action.error} onDismiss={action.clearError} /> : null}
        <div className="form-actions">
          <Button variant="ghost" onClick={onClose} data-testid="evidence-link-cancel">
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant="primary" disabled={!ready} data-testid="evidence-link-confirm">
            {action.pending ? t('common.saving') : t('evidence.dialog.confirm')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
