import type { EvidenceAnchor, EvidenceLink } from '@loopline/shared';

/** An evidence link for tests: a motivating, weight-2 link by Mia to `anchor`, anchored, in no revision. */
export function linkOf(id: string, anchor: EvidenceAnchor, over: Partial<EvidenceLink> = {}): EvidenceLink {
  return {
    id,
    seriesId: 's1',
    episodeId: 'e1',
    sceneId: anchor.sceneId,
    anchor,
    evidenceSetId: null,
    itemCount: 3,
    authorId: 'u-mia',
    authorName: 'Mia',
    rationale: 'Viewers ask where the twins are.',
    stance: 'motivates',
    weight: 2,
    createdAt: '2025-03-05T22:00:00.000Z',
    revisionId: null,
    state: 'anchored',
    stateCheckedAt: '2025-03-05T22:00:00.000Z',
    sample: { mentions: 3, distinctViewers: 2, coordinated: 1, topSegment: null },
    ...over,
  };
}
