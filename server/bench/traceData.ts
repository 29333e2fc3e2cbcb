/**
 * The world of the trace bench (issue 5): one series of `episodes` episodes
 * with `items` generated feedback items, `links` evidence links (1–20 items
 * each, a tenth through evidence sets), `revisions` revisions with real Yjs
 * state, the aired ones tied to releases, and daily metrics and retention
 * curves for the aired episodes so outcomes have numbers on both sides of a
 * release. Everything goes through the Storage interface the routes use;
 * only the items skip the import's file parsing (see traceItems.ts).
 */
import { type LinkStance, type LinkState, type LinkWeight, nextRevisionColour, type RevisionStatus } from '@loopline/shared';
import { createSceneAnchor, createSpanAnchor, type EvidenceAnchor } from '@loopline/shared/collab';
import * as Y from 'yjs';
import { hashPassword } from '../src/auth/passwords.js';
import { initialDocumentUpdate } from '../src/documents/convert.js';
import { storeInitialDocument } from '../src/documents/initial.js';
import { snapshotOfState } from '../src/evidence/snapshot.js';
import { demoEpisodes, type GenEpisode, generateMetrics, generateRetention, Random } from '../src/generate/index.js';
import type { Storage } from '../src/storage/types.js';
import { insertItems } from './traceItems.js';
import { episodeScripts } from './traceScript.js';

/** The sizes of the world. */
export interface TraceWorldSize {
  items: number;
  links: number;
  revisions: number;
  episodes: number;
  scenes: number;
}

/** What was built, and how long each part took (seconds). */
export interface TraceWorld {
  seed: number;
  size: TraceWorldSize;
  seriesId: string;
  reviewer: { email: string; password: string };
  counts: { items: number; coordinated: number; links: number; setLinks: number; sets: number; revisions: number; releases: number; metricRows: number };
  statuses: Record<RevisionStatus, number>;
  linkStates: Record<LinkState, number>;
  seconds: { items: number; links: number; revisions: number; metrics: number };
}

const DAY = 86_400_000;
const PASSWORD = 'loopline-bench';
const SETS_PER_EPISODE = 20;
/** Share of link items drawn from an episode's few most-discussed comments (so some items sit in many links). */
const HOT_SHARE = 0.2;
const HOT_POOL = 200;

/** Statuses of an episode's revisions, oldest first: aired episodes aired twice (the cut and a re-cut). */
function plan(count: number, aired: boolean): RevisionStatus[] {
  return Array.from({ length: count }, (_, k): RevisionStatus => {
    if (k === count - 1) return 'draft';
    if (k >= count - 3) return 'proposed';
    if (aired && (k === 0 || k === 2)) return 'aired';
    return k % 2 === 1 ? 'rejected' : 'approved';
  });
}

const PATH: Record<RevisionStatus, RevisionStatus[]> = {
  draft: [],
  proposed: ['proposed'],
  approved: ['proposed', 'approved'],
  rejected: ['proposed', 'rejected'],
  aired: ['proposed', 'approved', 'aired'],
};

/** Builds the world in `storage` (a fresh, migrated database). */
export async function buildTraceWorld(storage: Storage, seed: number, size: TraceWorldSize, log: (line: string) => void): Promise<TraceWorld> {
  const r = new Random(seed);
  const passwordHash = await hashPassword(PASSWORD);
  const series = await storage.createSeries({ title: '签收双胞胎（基准）', language: 'zh' });
  const user = async (email: string, displayName: string, role: 'showrunner' | 'writer' | 'reviewer' | 'operations') => {
    const u = await storage.createUser({ email, displayName, passwordHash });
    await storage.setMembership(series.id, u.id, role);
    return u.id;
  };
  const showrunner = await user('showrunner@bench.loopline', '顾导', 'showrunner');
  const writers = [await user('writer1@bench.loopline', '编剧甲', 'writer'), await user('writer2@bench.loopline', '编剧乙', 'writer')];
  const operations = await user('operations@bench.loopline', '运营', 'operations');
  await user('reviewer@bench.loopline', '审阅', 'reviewer');

  // Episode 1 airs at 20:00 Beijing time; one more every day after.
  const start = new Date(Date.UTC(2026, 2, 1, 12));
  const genEpisodes: GenEpisode[] = [];
  for (const e of demoEpisodes(size.episodes, seed)) {
    const episode = await storage.createEpisode({ seriesId: series.id, title: `第${e.number}集`, language: 'zh' });
    genEpisodes.push({ ...e, id: episode.id });
  }
  const airedCount = Math.round(size.episodes * 0.6);
  const aired = genEpisodes.slice(0, airedCount);

  let t0 = performance.now();
  const ranges = await insertItems(storage, series.id, genEpisodes, {
    seed,
    rows: size.items,
    start,
    progress: (n) => {
      if (n % 100_000 === 0) log(`  items: ${n.toLocaleString('en')} (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
    },
  });
  const itemSeconds = (performance.now() - t0) / 1000;

  // Daily metrics for two weeks after each aired episode; the re-cut (second release, day 3) lifts completion a little.
  t0 = performance.now();
  const recutAt = (e: GenEpisode) => start.getTime() + (e.number - 1) * DAY + 3 * DAY;
  const metrics = [...generateMetrics({ seed, episodes: aired, start, days: 14, platforms: ['douyin', 'kuaishou'] })].map(({ episodeNumber, ...m }) => {
    const lifted = Date.parse(`${m.date}T12:00:00Z`) >= recutAt(aired[episodeNumber - 1]!);
    return { ...m, seriesId: series.id, completionRate: lifted ? Math.min(1, m.completionRate * 1.06) : m.completionRate };
  });
  for (let i = 0; i < metrics.length; i += 2_000) await storage.upsertEpisodeMetrics(metrics.slice(i, i + 2_000));
  const curves = new Map<string, { seriesId: string; episodeId: string; platform: string; points: number[] }>();
  for (const p of generateRetention({ seed, episodes: aired, platforms: ['douyin', 'kuaishou'] })) {
    const key = `${p.episodeId}/${p.platform}`;
    let c = curves.get(key);
    if (!c) {
      c = { seriesId: series.id, episodeId: p.episodeId, platform: p.platform, points: [] };
      curves.set(key, c);
    }
    c.points[p.second] = p.share;
  }
  await storage.upsertRetentionCurves([...curves.values()]);
  const metricSeconds = (performance.now() - t0) / 1000;

  const perEpisodeLinks = Math.floor(size.links / size.episodes);
  const perEpisodeRevisions = Math.floor(size.revisions / size.episodes);
  const counts = { items: ranges.total, coordinated: ranges.coordinated, links: 0, setLinks: 0, sets: 0, revisions: 0, releases: 0, metricRows: metrics.length };
  const statuses: Record<RevisionStatus, number> = { draft: 0, proposed: 0, approved: 0, rejected: 0, aired: 0 };
  const linkStates: Record<LinkState, number> = { anchored: 0, drifted: 0, 'scene-only': 0, orphaned: 0 };
  let linkSeconds = 0;
  let revisionSeconds = 0;
  const stances: LinkStance[] = ['motivates', 'motivates', 'motivates', 'supports', 'contradicts'];

  for (const [index, e] of genEpisodes.entries()) {
    const range = ranges.byEpisode.get(e.id);
    if (!range) throw new Error(`trace bench: episode ${e.number} got no feedback items`);
    const [first, last] = range;
    const pick = (() => {
      const hot = Array.from({ length: HOT_POOL }, () => r.int(first, last));
      return () => String(r.chance(HOT_SHARE) ? r.pick(hot) : r.int(first, last));
    })();
    const scripts = episodeScripts(seed, e.number, size.scenes, perEpisodeRevisions);
    await storeInitialDocument(storage, e.id, 'zh', scripts.working, { kind: 'seed', reason: 'demo' });
    const working = new Y.Doc();
    Y.applyUpdate(working, initialDocumentUpdate(scripts.working, { kind: 'seed', reason: 'demo' }));
    const airTime = start.getTime() + (e.number - 1) * DAY;
    const isAired = index < airedCount;

    t0 = performance.now();
    const sets: string[] = [];
    for (let s = 0; s < SETS_PER_EPISODE; s++) {
      const itemIds = Array.from({ length: r.int(5, 15) }, pick);
      const set = await storage.createEvidenceSet({
        seriesId: series.id,
        name: `第${e.number}集 反馈 ${s + 1}`,
        filter: { episodeId: e.id, q: r.pick(['双胞胎', '请签收', '拖沓', '结局', '男主']) },
        createdBy: r.pick(writers),
        itemIds,
        createdAt: new Date(airTime + DAY).toISOString(),
      });
      sets.push(set.id);
    }
    counts.sets += sets.length;

    // Links go round-robin into the episode's revisions and, three turns in every (revisions + 3), into no revision (~23% unproposed).
    const slots: string[][] = Array.from({ length: perEpisodeRevisions + 1 }, () => []);
    const linkAt = (slot: number) => new Date(airTime + DAY + slot * 6 * 3_600_000 + r.int(0, 3_600_000)).toISOString();
    const makeLink = async (slot: number) => {
      const cut = r.chance(0.03);
      const sceneId = cut ? scripts.cutScene.id : r.pick(scripts.sceneIds);
      let anchor: EvidenceAnchor = cut ? { kind: 'scene', sceneId, heading: scripts.cutScene.heading } : createSceneAnchor(working, sceneId)!;
      let state: LinkState = cut ? 'orphaned' : 'anchored';
      if (!cut && r.chance(0.2)) {
        const span = createSpanAnchor(working, { sceneId, blockIndex: 2, from: 1, to: 5 });
        if (span) {
          anchor = span;
          state = r.chance(0.1) ? 'drifted' : r.chance(0.05) ? 'scene-only' : 'anchored';
        }
      }
      const viaSet = r.chance(0.1);
      const explicit = viaSet ? r.int(0, 5) : 1 + Math.floor(19 * r.next() ** 2);
      const link = await storage.createLink({
        seriesId: series.id,
        episodeId: e.id,
        anchor,
        evidenceSetId: viaSet ? r.pick(sets) : null,
        itemIds: Array.from({ length: explicit }, pick),
        authorId: r.pick(writers),
        rationale: r.pick(['观众问双胞胎去哪了', '这段太拖，弹幕都在喊快进', '请签收梗要保留', '结局反转太突然', '付费观众集中吐槽']),
        stance: r.pick(stances),
        weight: r.int(0, 3) as LinkWeight,
        state,
        createdAt: linkAt(slot),
      });
      counts.links++;
      if (viaSet) counts.setLinks++;
      linkStates[state]++;
      slots[slot]!.push(link.id);
    };
    for (let k = 0; k < perEpisodeLinks; k++) await makeLink(Math.min(k % (perEpisodeRevisions + 3), perEpisodeRevisions));
    linkSeconds += (performance.now() - t0) / 1000;

    t0 = performance.now();
    const colours: string[] = [];
    const statusPlan = plan(perEpisodeRevisions, isAired);
    let airings = 0;
    for (let k = 0; k < perEpisodeRevisions; k++) {
      const state = initialDocumentUpdate(scripts.revisions[k], { kind: 'seed', reason: 'demo' });
      const createdAt = airTime + DAY + (k + 1) * 6 * 3_600_000;
      const colour = nextRevisionColour(colours);
      colours.push(colour);
      const revision = await storage.createRevision({
        seriesId: series.id,
        episodeId: e.id,
        colour,
        summary: `第${e.number}集 ${colour} 修订`,
        authorIds: [r.pick(writers)],
        createdBy: r.pick(writers),
        ...snapshotOfState(e.id, state, 'zh'),
        linkIds: slots[k]!,
        createdAt: new Date(createdAt).toISOString(),
      });
      let stepAt = createdAt;
      for (const to of PATH[statusPlan[k]!]) {
        stepAt += 3_600_000;
        let releaseId: string | undefined;
        if (to === 'aired') {
          const airedAt = new Date(airings === 0 ? airTime : recutAt(e)).toISOString();
          releaseId = (await storage.createRelease({ seriesId: series.id, episodeId: e.id, platform: 'douyin', airedAt })).id;
          airings++;
          counts.releases++;
        }
        const byId = to === 'proposed' ? writers[0]! : to === 'aired' ? operations : showrunner;
        await storage.transitionRevision({ revisionId: revision.id, to, event: { byId, at: new Date(stepAt).toISOString(), comment: to === 'rejected' ? '证据不足' : '' }, releaseId });
      }
      statuses[statusPlan[k]!]++;
      counts.revisions++;
    }
    if (airings > 0) await storage.updateEpisode(e.id, { status: 'aired' });
    revisionSeconds += (performance.now() - t0) / 1000;
    working.destroy();
    if ((index + 1) % 10 === 0) log(`  episodes with links and revisions: ${index + 1}/${genEpisodes.length} (links ${linkSeconds.toFixed(0)} s, revisions ${revisionSeconds.toFixed(0)} s)`);
  }

  return {
    seed,
    size,
    seriesId: series.id,
    reviewer: { email: 'reviewer@bench.loopline', password: PASSWORD },
    counts,
    statuses,
    linkStates,
    seconds: { items: itemSeconds, links: linkSeconds, revisions: revisionSeconds, metrics: metricSeconds },
  };
}
