import {
  type BlockDiff,
  diffEpisodes,
  type EvidenceLink,
  type EvidenceSample,
  type FeedbackItem,
  type Language,
  type LinkStance,
  type LinkState,
  NodeName,
  type Revision,
  type RevisionEvent,
  type RevisionOutcome,
  type RevisionStatus,
  revisionColourHex,
  type SceneDiff,
  type SceneStatus,
  type TextRun,
} from '@loopline/shared';
import type { Node } from 'prosemirror-model';
import type { Storage } from '../storage/types.js';
import { previousRevision } from '../trace/diffs.js';
import { hasOutcome } from '../trace/trace.js';

/**
 * The evidence report as plain data [RP1]: everything the HTML and PDF
 * renderers print, gathered from storage, the shared diff and the outcome.
 * The renderers do no I/O and make no decisions, so both show the same
 * report. Viewer items appear only through the fields storage keeps after
 * redaction — the pseudonym, the redacted text, platform, time and likes;
 * never an external id, an import id or per-item segments [RP3].
 */

/** A revision as the report names it. */
export interface RevisionRef {
  id: string;
  number: number;
  colour: string;
  /** The page tint of the colour (from the fixed table), null for an unknown name. */
  colourHex: string | null;
}

export interface ReportRevision extends RevisionRef {
  status: RevisionStatus;
  summary: string;
  authors: string[];
  createdAt: string;
  events: Pick<RevisionEvent, 'status' | 'byName' | 'at' | 'comment'>[];
  release: { platform: string; airedAt: string } | null;
  linkCount: number;
}

/** One viewer item quoted under a link (redacted text, pseudonymous author). */
export interface ReportQuote {
  author: string;
  platform: string;
  postedAt: string;
  text: string;
  likes: number | null;
  coordinated: boolean;
}

export interface ReportEvidence {
  linkId: string;
  /** The revision the link went into (null: in none yet). */
  revision: RevisionRef | null;
  /** The heading the link's anchor kept (shown for a scene that is gone). */
  anchorHeading: string;
  /** The quoted span of the script, for a span link. */
  spanQuote: string | null;
  state: LinkState;
  stance: LinkStance;
  weight: number;
  rationale: string;
  authorName: string;
  createdAt: string;
  sample: EvidenceSample;
  itemCount: number;
  /** The first items in posting order (at most `MAX_QUOTES_PER_LINK`); erased items are skipped. */
  quotes: ReportQuote[];
}

/** A changed line of a scene (equal lines are left out). */
export interface ReportBlock {
  op: Exclude<BlockDiff['op'], 'equal'>;
  type: string;
  typeBefore: string | null;
  typeChanged: boolean;
  formatChanged: boolean;
  runs: TextRun[];
}

export interface ReportScene {
  sceneId: string;
  heading: string;
  status: SceneStatus;
  moved: boolean;
  headingBefore: string | null;
  headingAfter: string | null;
  headingChanged: boolean;
  beforeIndex: number | null;
  afterIndex: number | null;
  blocks: ReportBlock[];
  evidence: ReportEvidence[];
  /** The union sample of the scene's links (viewers counted once), null without links. */
  sample: EvidenceSample | null;
}

/** Evidence on a scene the comparison did not change. */
export interface ReportSceneEvidence {
  sceneId: string;
  heading: string;
  evidence: ReportEvidence[];
  sample: EvidenceSample | null;
}

export interface ReportOutcome {
  revision: RevisionRef;
  outcome: RevisionOutcome;
  /** Number of the episode the "before" numbers come from, when there is one. */
  beforeEpisodeNumber: number | null;
}

export interface ReportModel {
  kind: 'revision' | 'episode';
  generatedAt: string;
  /** The episode's language: the report's default labels. */
  language: Language;
  series: { id: string; title: string };
  episode: { id: string; number: number; title: string };
  /** One revision for a revision report; every revision of the episode (by number) for an episode report. */
  revisions: ReportRevision[];
  /** What the diff compares: `to` against the revision before it (`from` null for an episode's first revision); null when the episode has no revision. */
  comparison: { from: RevisionRef | null; to: RevisionRef } | null;
  /** Changed scenes (added, removed, moved, changed), in the order of the diff, each with its evidence. */
  scenes: ReportScene[];
  /** Evidence on scenes the comparison did not change. */
  otherEvidence: ReportSceneEvidence[];
  /** The union sample of every link reported (viewers counted once), null without links. */
  sample: EvidenceSample | null;
  linkCount: number;
  outcomes: ReportOutcome[];
}

/** Quotes printed under each link; the sample sizes say how many items there are in all. */
export const MAX_QUOTES_PER_LINK = 5;
/** A quoted item's text is cut here (comments are short; a pasted essay is not evidence text). */
export const MAX_QUOTE_CHARS = 600;

export type ReportStorage = Pick<
  Storage,
  'getSeries' | 'getEpisode' | 'listRevisions' | 'listLinks' | 'listLinkItemIds' | 'getFeedbackItem' | 'sampleOfLinks'
>;

export interface ReportDeps {
  storage: ReportStorage;
  /** A revision's document as taken (the trace services' cache). */
  doc: (revisionId: string) => Promise<Node | null>;
  /** Outcomes of revisions that aired (the trace services'). */
  outcomesOf: (revisions: readonly Revision[]) => Promise<RevisionOutcome[]>;
  now: () => number;
}

export const revisionRef = (r: Revision): RevisionRef => ({ id: r.id, number: r.number, colour: r.colour, colourHex: revisionColourHex(r.colour) });

function reportRevision(r: Revision): ReportRevision {
  return {
    ...revisionRef(r),
    status: r.status,
    summary: r.summary,
    authors: r.authors.map((a) => a.name),
    createdAt: r.createdAt,
    events: r.events.map(({ status, byName, at, comment }) => ({ status, byName, at, comment })),
    release: r.release ? { platform: r.release.platform, airedAt: r.release.airedAt } : null,
    linkCount: r.linkIds.length,
  };
}

/** Scene id → heading text of a document, in document order. */
function headingsOf(doc: Node | null): Map<string, string> {
  const map = new Map<string, string>();
  doc?.forEach((scene) => {
    const id = scene.type.name === NodeName.scene ? scene.attrs.sceneId : null;
    if (typeof id === 'string') map.set(id, scene.firstChild?.textContent ?? '');
  });
  return map;
}

const isChanged = (s: SceneDiff): boolean => s.status !== 'unchanged' || s.moved;

function reportBlocks(blocks: readonly BlockDiff[]): ReportBlock[] {
  const out: ReportBlock[] = [];
  for (const b of blocks) {
    if (b.op === 'equal') continue;
    out.push({
      op: b.op,
      type: b.typeAfter ?? b.typeBefore ?? '',
      typeBefore: b.typeBefore,
      typeChanged: b.typeChanged,
      formatChanged: b.formatChanged,
      runs: b.runs,
    });
  }
  return out;
}

/** Per-request reads of items (a viewer quoted under several links is read once). */
class Quotes {
  private readonly items = new Map<string, Promise<FeedbackItem | null>>();
  constructor(private readonly storage: ReportStorage) {}

  async of(link: EvidenceLink): Promise<ReportQuote[]> {
    const ids = await this.storage.listLinkItemIds(link.id, { limit: MAX_QUOTES_PER_LINK });
    const items = await Promise.all(ids.map((id) => this.item(id)));
    const quotes: ReportQuote[] = [];
    for (const item of items) {
      if (!item) continue;
      const text = item.text.length > MAX_QUOTE_CHARS ? `${item.text.slice(0, MAX_QUOTE_CHARS)}…` : item.text;
      quotes.push({ author: item.author, platform: item.platform, postedAt: item.postedAt, text, likes: item.likes, coordinated: item.coordinated === true });
    }
    return quotes;
  }

  private item(id: string): Promise<FeedbackItem | null> {
    let p = this.items.get(id);
    if (!p) {
      p = this.storage.getFeedbackItem(id);
      this.items.set(id, p);
    }
    return p;
  }
}

async function evidenceOf(links: readonly EvidenceLink[], revisions: ReadonlyMap<string, Revision>, quotes: Quotes): Promise<ReportEvidence[]> {
  return Promise.all(
    links.map(async (link) => {
      const revision = link.revisionId === null ? undefined : revisions.get(link.revisionId);
      return {
        linkId: link.id,
        revision: revision ? revisionRef(revision) : null,
        anchorHeading: link.anchor.heading,
        spanQuote: link.anchor.kind === 'span' ? link.anchor.quote : null,
        state: link.state,
        stance: link.stance,
        weight: link.weight,
        rationale: link.rationale,
        authorName: link.authorName,
        createdAt: link.createdAt,
        sample: link.sample,
        itemCount: link.itemCount,
        quotes: await quotes.of(link),
      };
    }),
  );
}

const sampleOf = (storage: ReportStorage, links: readonly EvidenceLink[]): Promise<EvidenceSample | null> =>
  links.length === 0 ? Promise.resolve(null) : storage.sampleOfLinks(links.map((l) => l.id));

/** What a report is about: the revisions listed, the one compared, and whose links count. */
interface Scope {
  kind: ReportModel['kind'];
  episodeId: string;
  listed: (all: Revision[]) => Revision[];
  compared: (all: Revision[]) => Revision | null;
}

/** The report of one revision: its diff against the revision before it, its links, its outcome [RP1]. */
export function revisionReport(deps: ReportDeps, revision: Revision): Promise<ReportModel | null> {
  return build(deps, {
    kind: 'revision',
    episodeId: revision.episodeId,
    listed: (all) => all.filter((r) => r.id === revision.id),
    compared: () => revision,
  });
}

/** The report of an episode: its latest revision against the one before, with every revision's links and outcomes [RP2]. */
export function episodeReport(deps: ReportDeps, episodeId: string): Promise<ReportModel | null> {
  return build(deps, {
    kind: 'episode',
    episodeId,
    listed: (all) => all,
    compared: (all) => all.reduce<Revision | null>((best, r) => (best === null || r.number > best.number ? r : best), null),
  });
}

async function build(deps: ReportDeps, scope: Scope): Promise<ReportModel | null> {
  const { storage } = deps;
  const episode = await storage.getEpisode(scope.episodeId);
  if (!episode) return null;
  const [series, all] = await Promise.all([storage.getSeries(episode.seriesId), storage.listRevisions(episode.id)]);
  all.sort((a, b) => a.number - b.number);
  const listed = scope.listed(all);
  const to = scope.compared(all);
  const from = to ? previousRevision(all, to) : null;
  const byId = new Map(all.map((r) => [r.id, r]));

  // Links of the listed revisions, oldest first.
  const linkLists = await Promise.all(
    listed.map((r) => storage.listLinks({ seriesId: episode.seriesId, episodeId: episode.id, revisionId: r.id })),
  );
  const links = linkLists.flat().sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  const bySceneId = new Map<string, EvidenceLink[]>();
  for (const link of links) {
    const list = bySceneId.get(link.sceneId);
    if (list) list.push(link);
    else bySceneId.set(link.sceneId, [link]);
  }

  const [beforeDoc, afterDoc] = await Promise.all([from ? deps.doc(from.id) : null, to ? deps.doc(to.id) : null]);
  const diff = beforeDoc && afterDoc ? diffEpisodes(beforeDoc, afterDoc) : null;
  const headings = headingsOf(afterDoc);

  const quotes = new Quotes(storage);
  const changed = diff ? diff.scenes.filter(isChanged) : [];
  const changedIds = new Set(changed.map((s) => s.sceneId));
  const scenes = await Promise.all(
    changed.map(async (s): Promise<ReportScene> => {
      const sceneLinks = (s.sceneId !== null && bySceneId.get(s.sceneId)) || [];
      const [evidence, sample] = await Promise.all([evidenceOf(sceneLinks, byId, quotes), sampleOf(storage, sceneLinks)]);
      return {
        sceneId: s.sceneId ?? '',
        heading: s.headingAfter ?? s.headingBefore ?? '',
        status: s.status,
        moved: s.moved,
        headingBefore: s.headingBefore,
        headingAfter: s.headingAfter,
        headingChanged: s.headingChanged,
        beforeIndex: s.beforeIndex,
        afterIndex: s.afterIndex,
        blocks: reportBlocks(s.blocks),
        evidence,
        sample,
      };
    }),
  );

  // The rest of the evidence, by scene: scenes of the compared document first, in its order, then the scenes it lacks.
  const rest = [...bySceneId.keys()].filter((id) => !changedIds.has(id));
  const order = new Map([...headings.keys()].map((id, i) => [id, i]));
  const rank = (id: string) => order.get(id) ?? order.size;
  rest.sort((a, b) => rank(a) - rank(b));
  const otherEvidence = await Promise.all(
    rest.map(async (sceneId): Promise<ReportSceneEvidence> => {
      const sceneLinks = bySceneId.get(sceneId) ?? [];
      const [evidence, sample] = await Promise.all([evidenceOf(sceneLinks, byId, quotes), sampleOf(storage, sceneLinks)]);
      return { sceneId, heading: headings.get(sceneId) ?? sceneLinks[0]?.anchor.heading ?? '', evidence, sample };
    }),
  );

  const aired = listed.filter(hasOutcome);
  const [sample, computed] = await Promise.all([sampleOf(storage, links), aired.length > 0 ? deps.outcomesOf(aired) : []]);
  const episodes = new Map<string, number>([[episode.id, episode.number]]);
  const outcomes: ReportOutcome[] = [];
  for (const [i, outcome] of computed.entries()) {
    const revision = aired[i];
    if (!revision) continue;
    const beforeId = outcome.before?.episodeId ?? null;
    if (beforeId !== null && !episodes.has(beforeId)) episodes.set(beforeId, (await storage.getEpisode(beforeId))?.number ?? 0);
    outcomes.push({ revision: revisionRef(revision), outcome, beforeEpisodeNumber: beforeId === null ? null : (episodes.get(beforeId) ?? null) });
  }

  return {
    kind: scope.kind,
    generatedAt: new Date(deps.now()).toISOString(),
    language: episode.language,
    series: { id: episode.seriesId, title: series?.title ?? '' },
    episode: { id: episode.id, number: episode.number, title: episode.title },
    revisions: listed.map(reportRevision),
    comparison: to ? { from: from ? revisionRef(from) : null, to: revisionRef(to) } : null,
    scenes,
    otherEvidence,
    sample,
    linkCount: links.length,
    outcomes,
  };
}
