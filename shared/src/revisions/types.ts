/**
 * The shape of a revision diff (issue 5). Plain JSON: the server computes it
 * and sends it as is; the editor's revision mode and the evidence report read
 * it. Scenes are identified by their `sceneId`; blocks by their index among
 * the scene's textblocks in document order (the heading is block 0, the
 * lines of a dual dialogue count one by one), see `sceneTextblocks`.
 */

/** One run of a text diff: kept, inserted (only in the after text) or deleted (only in the before text). */
export interface TextRun {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

/** How one textblock of a scene changed. */
export interface BlockDiff {
  /**
   * equal: same type, attributes, marks and text; changed: paired with a
   * similar block of the other side (see `runs`, `typeChanged`,
   * `formatChanged`); added / removed: no counterpart.
   */
  op: 'equal' | 'changed' | 'added' | 'removed';
  /** Index among the scene's textblocks in the before doc; null when added. */
  beforeIndex: number | null;
  /** Index among the scene's textblocks in the after doc; null when removed. */
  afterIndex: number | null;
  /** Node type name before (null when added). */
  typeBefore: string | null;
  /** Node type name after (null when removed). */
  typeAfter: string | null;
  /** Changed from one element type to another (e.g. action → dialogue). */
  typeChanged: boolean;
  /** Same text, but block attributes (cue extension, action kind, pinned number) or marks differ. */
  formatChanged: boolean;
  /** The text as runs: one `equal` run for equal blocks, one insert / delete run for added / removed ones. */
  runs: TextRun[];
}

/** Content status of a scene. A scene's position is reported separately (`moved`). */
export type SceneStatus = 'added' | 'removed' | 'changed' | 'unchanged';

/** How one scene changed between two versions of an episode. */
export interface SceneDiff {
  /** The scene's id (null only for a scene without one, which can never be matched). */
  sceneId: string | null;
  status: SceneStatus;
  /** The scene is in both versions and left the minimal set of scenes that kept their relative order [RV4]. */
  moved: boolean;
  /** Position among the before doc's scenes (null when added). */
  beforeIndex: number | null;
  /** Position among the after doc's scenes (null when removed). */
  afterIndex: number | null;
  /** Heading text before (null when added). */
  headingBefore: string | null;
  /** Heading text after (null when removed). */
  headingAfter: string | null;
  /** Both versions have the scene and the heading text differs [RV6]. */
  headingChanged: boolean;
  /** Textblock diffs: empty when the scene's content is unchanged; every block for added and removed scenes. */
  blocks: BlockDiff[];
}

/** Scene ids by what happened to them; a moved scene whose content changed is in both `moved` and `changed`. */
export interface EpisodeDiffSummary {
  added: string[];
  removed: string[];
  moved: string[];
  changed: string[];
  /** In both versions, same content, not moved. */
  unchanged: string[];
}

/** The diff of two versions of one episode document. */
export interface EpisodeDiff extends EpisodeDiffSummary {
  /**
   * Every scene once: the after doc's scenes in order, each removed scene
   * placed after the scenes that preceded it in the before doc.
   */
  scenes: SceneDiff[];
}

/** Options of `diffEpisodes`. */
export interface DiffOptions {
  /**
   * Minimum similarity (0..1) for a removed and an added block to be shown
   * as one changed block rather than a deletion plus an insertion. Default 0.5.
   */
  blockSimilarity?: number;
}
