import type { EvidenceLink, EvidenceSample, Revision, RevisionEvent, RevisionOutcome, RevisionStatus } from '@loopline/shared';

/*
 * Test data of the revision, audit and trace views: the worked example of
 * BRIEF §6 in miniature (episode 12 of "Signed for Twins", revision Blue
 * moving the twins reveal, evidence from the twins theme).
 */

/** A sample: mentions, distinct viewers, coordinated items, top segment. */
export const sample = (mentions: number, distinctViewers: number, coordinated = 0, topSegment: EvidenceSample['topSegment'] = null): EvidenceSample => ({
  mentions,
  distinctViewers,
  coordinated,
  topSegment,
});

/** A scene link of episode e1. */
export function link(id: string, over: Partial<EvidenceLink> = {}): EvidenceLink {
  const sceneId = over.sceneId ?? 'sc2';
  return {
    id,
    seriesId: 's1',
    episodeId: 'e1',
    sceneId,
    anchor: { kind: 'scene', sceneId, heading: '12-2 夜 内 医院走廊' },
    evidenceSetId: null,
    itemCount: 12,
    authorId: 'u-writer',
    authorName: 'Wen (writer)',
    rationale: 'Viewers keep asking where the twins are.',
    stance: 'motivates',
    weight: 3,
    createdAt: '2025-03-05T22:10:00.000Z',
    revisionId: null,
    state: 'anchored',
    stateCheckedAt: '2025-03-05T22:10:00.000Z',
    sample: sample(4100, 2900),
    ...over,
  };
}

const event = (status: RevisionStatus, byName: string, at: string, comment = ''): RevisionEvent => ({ status, byId: `u-${byName}`, byName, at, comment });

/** The events a revision has by the time it reaches `status` (a rejection or the air step last). */
function eventsUpTo(status: RevisionStatus): RevisionEvent[] {
  const out = [event('draft', 'Wen', '2025-03-06T09:00:00.000Z')];
  if (status === 'draft') return out;
  out.push(event('proposed', 'Wen', '2025-03-06T10:00:00.000Z', 'Twins reveal moved to the cliffhanger'));
  if (status === 'proposed') return out;
  if (status === 'rejected') return [...out, event('rejected', 'Shen', '2025-03-06T11:00:00.000Z', 'Not yet')];
  out.push(event('approved', 'Shen', '2025-03-06T11:00:00.000Z', 'Evidence is broad; the coordinated burst is excluded'));
  if (status === 'approved') return out;
  return [...out, event('aired', 'Ops', '2025-03-07T12:00:00.000Z')];
}

/** A revision of episode e1 in `status` (Blue, number 2, unless overridden). */
export function revision(id: string, status: RevisionStatus, over: Partial<Revision> = {}): Revision {
  return {
    id,
    seriesId: 's1',
    episodeId: 'e1',
    number: 2,
    colour: 'Blue',
    summary: 'Move the twins reveal into the cliffhanger; trim 11-4.',
    authors: [{ id: 'u-writer', name: 'Wen' }],
    status,
    events: eventsUpTo(status),
    release:
      status === 'aired'
        ? { id: 'rel1', seriesId: 's1', episodeId: 'e1', platform: 'douyin', airedAt: '2025-03-07T12:00:00.000Z', revisionId: id, createdAt: '2025-03-07T12:00:00.000Z' }
        : null,
    linkIds: ['l1'],
    sceneCount: 5,
    runtimeSeconds: 90,
    createdAt: '2025-03-06T09:00:00.000Z',
    ...over,
  };
}

/** The outcome of revision `revisionId`: completion up from 41% to 48.5%, retention before/after with the changed range 40–70 s. */
export function outcome(revisionId: string): RevisionOutcome {
  return {
    revisionId,
    release: { id: 'rel1', seriesId: 's1', episodeId: 'e1', platform: 'douyin', airedAt: '2025-03-07T12:00:00.000Z', revisionId, createdAt: '2025-03-07T12:00:00.000Z' },
    before: { episodeId: 'e0', label: 'previous-episode' },
    changedRange: { fromSecond: 40, toSecond: 70 },
    rows: [
      { metric: 'completionRate', before: 0.41, after: 0.485, baseline: 0.43 },
      { metric: 'fiveSecondCompletion', before: 0.8, after: 0.82, baseline: null },
      { metric: 'retentionOverChangedScenes', before: 0.52, after: 0.61, baseline: 0.55 },
      { metric: 'paywallUnlocks', before: 1200, after: 1530, baseline: 1100 },
      { metric: 'evidenceComments', before: 320, after: 95, baseline: null },
    ],
    retentionBefore: Array.from({ length: 91 }, (_, s) => 1 - s / 150),
    retentionAfter: Array.from({ length: 91 }, (_, s) => 1 - s / 200),
  };
}
