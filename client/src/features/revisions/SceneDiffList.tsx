import type { BlockDiff, EvidenceLink, SceneDiff, TextRun } from '@loopline/shared';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../ui/Badge';
import { SafeText } from '../inbox/SafeText';
import { LinkLine } from '../trace/LinkLine';

/** What a scene's row says happened to it: its content status, and `moved` beside (or instead of) it [UR5]. */
export function sceneLabels(scene: SceneDiff): ('added' | 'removed' | 'changed' | 'moved')[] {
  const out: ('added' | 'removed' | 'changed' | 'moved')[] = [];
  if (scene.status !== 'unchanged') out.push(scene.status);
  if (scene.moved) out.push('moved');
  return out;
}

/** Runs with keys from their place in the before/after texts (runs never reorder). */
function keyedRuns(runs: readonly TextRun[]): { key: string; run: TextRun }[] {
  let before = 0;
  let after = 0;
  return runs.map((run) => {
    const key = `${run.op}:${before}:${after}`;
    if (run.op !== 'insert') before += run.text.length;
    if (run.op !== 'delete') after += run.text.length;
    return { key, run };
  });
}

/** One line of a scene's text diff: inserted runs as <ins>, deleted as <del>, kept as text. */
function BlockLine({ block }: { block: BlockDiff }) {
  const { t } = useTranslation('app');
  const type = block.typeAfter ?? block.typeBefore ?? '';
  return (
    <li className={`rv-block rv-block-${block.op}`} data-testid="diff-block" data-op={block.op} data-type={type}>
      <span className="rv-block-type muted">{t(`element.${type}`, { ns: 'editor', defaultValue: type })}</span>
      <span className="rv-block-text">
        {keyedRuns(block.runs).map(({ key, run }) => {
          const text = <SafeText text={run.text} />;
          if (run.op === 'insert')
            return (
              <ins key={key} className="rv-ins" data-testid="diff-ins">
                {text}
              </ins>
            );
          if (run.op === 'delete')
            return (
              <del key={key} className="rv-del" data-testid="diff-del">
                {text}
              </del>
            );
          return <span key={key}>{text}</span>;
        })}
        {block.typeChanged && <span className="muted"> ({t('revisions.diff.typeChanged', { from: block.typeBefore, to: block.typeAfter })})</span>}
        {block.formatChanged && <span className="muted"> ({t('revisions.diff.formatChanged')})</span>}
      </span>
    </li>
  );
}

/** Blocks worth showing: every changed one, unchanged stretches folded into a count. */
function visibleBlocks(blocks: readonly BlockDiff[]): (BlockDiff | { folded: number })[] {
  const out: (BlockDiff | { folded: number })[] = [];
  let run = 0;
  for (const block of blocks) {
    if (block.op === 'equal') {
      run++;
      continue;
    }
    if (run > 0) out.push({ folded: run });
    run = 0;
    out.push(block);
  }
  if (run > 0) out.push({ folded: run });
  return out;
}

/** Props of {@link SceneDiffList}. */
export interface SceneDiffListProps {
  scenes: readonly SceneDiff[];
  /** Evidence per changed scene id, from the diff route. */
  evidence: Readonly<Record<string, readonly EvidenceLink[]>>;
  /** Show unchanged scenes too (folded by default). */
  showUnchanged?: boolean;
}

/**
 * The scenes of a diff [UR5]: each with what happened to it (added,
 * removed, changed, moved — a moved scene is shown as moved, with its old
 * and new position), a renamed heading, the text-level changes inside it
 * (insertions and deletions styled), and the evidence linked to it [UR6].
 */
export function SceneDiffList({ scenes, evidence, showUnchanged = false }: SceneDiffListProps) {
  const { t } = useTranslation('app');
  const shown = scenes.filter((s) => showUnchanged || s.status !== 'unchanged' || s.moved);
  if (shown.length === 0) return <p className="muted" data-testid="diff-empty">{t('revisions.diff.noChanges')}</p>;
  return (
    <ol className="rv-diff-scenes" data-testid="diff-scenes">
      {shown.map((scene, i) => {
        const labels = sceneLabels(scene);
        const links = scene.sceneId ? (evidence[scene.sceneId] ?? []) : [];
        const changed = labels.length > 0;
        return (
          <li
            key={scene.sceneId ?? `scene-${i}`}
            className={`rv-diff-scene rv-diff-${labels[0] ?? 'unchanged'}`}
            data-testid="diff-scene"
            data-scene-id={scene.sceneId ?? undefined}
            data-status={labels.join(' ') || 'unchanged'}
          >
            <header className="rv-diff-scene-head">
              <span className="rv-diff-heading">
                <SafeText text={scene.headingAfter ?? scene.headingBefore ?? ''} />
              </span>
              {labels.map((label) => (
                <Badge key={label} tone={label === 'removed' ? 'warning' : label === 'moved' ? 'info' : 'accent'}>
                  <span data-testid="diff-scene-label" data-label={label}>
                    {t(`revisions.diff.${label}`)}
                  </span>
                </Badge>
              ))}
              {scene.moved && scene.beforeIndex !== null && scene.afterIndex !== null && (
                <span className="muted" data-testid="diff-moved">
                  {t('revisions.diff.movedFromTo', { from: scene.beforeIndex + 1, to: scene.afterIndex + 1 })}
                </span>
              )}
            </header>
            {scene.headingChanged && scene.headingBefore !== null && (
              <p className="muted rv-renamed">
                {t('revisions.diff.renamedFrom')} <SafeText text={scene.headingBefore} />
              </p>
            )}
            {scene.blocks.length > 0 && scene.status !== 'unchanged' && (
              <ul className="rv-blocks">
                {visibleBlocks(scene.blocks).map((block, j) =>
                  'folded' in block ? (
                    // biome-ignore lint/suspicious/noArrayIndexKey: positional within one scene's diff
                    <li key={`f${j}`} className="rv-folded muted">
                      {t('revisions.diff.folded', { count: block.folded })}
                    </li>
                  ) : (
                    // biome-ignore lint/suspicious/noArrayIndexKey: positional within one scene's diff
                    <BlockLine key={j} block={block} />
                  ),
                )}
              </ul>
            )}
            {changed && (
              <div className="rv-diff-evidence" data-testid="diff-evidence" data-count={links.length}>
                {links.length === 0 ? (
                  <p className="rv-warn">{t('revisions.diff.noEvidence')}</p>
                ) : (
                  <ul className="rv-link-list">
                    {links.map((link) => (
                      <LinkLine key={link.id} link={link} />
                    ))}
                  </ul>
                )}
              </div>
            )}
          </li>
        );
      })}
    </ol>
  );
}
