import type { Node } from 'prosemirror-model';
import type { EvidenceLink, EvidenceSample, LinkStance } from '../domain/evidence.js';
import { scriptSchema } from '../schema/schema.js';

/**
 * Test fixtures of the audit and outcome tests: small episode documents of the
 * shared schema and evidence links with a given sample. Not exported from the
 * package index.
 */

export type Line = [type: string, text: string];
export interface SceneSpec {
  id: string;
  heading: string;
  lines?: Line[];
}

export const scene = (id: string, heading: string, ...lines: Line[]): SceneSpec => ({ id, heading, lines });

export function episodeDoc(...scenes: SceneSpec[]): Node {
  return scriptSchema.node(
    'doc',
    null,
    scenes.map(({ id, heading, lines = [] }) =>
      scriptSchema.node('scene', { sceneId: id }, [
        scriptSchema.node('sceneHeading', null, heading === '' ? [] : [scriptSchema.text(heading)]),
        ...lines.map(([type, text]) => scriptSchema.node(type, null, text === '' ? [] : [scriptSchema.text(text)])),
      ]),
    ),
  );
}

export const sample = (mentions: number, distinctViewers: number, coordinated = 0, topSegment: EvidenceSample['topSegment'] = null): EvidenceSample => ({
  mentions,
  distinctViewers,
  coordinated,
  topSegment,
});

export function link(id: string, sceneId: string, stance: LinkStance, s: EvidenceSample, opts: { revisionId?: string | null; heading?: string } = {}): EvidenceLink {
  return {
    id,
    seriesId: 'series-1',
    episodeId: 'ep-12',
    sceneId,
    anchor: { kind: 'scene', sceneId, heading: opts.heading ?? `heading of ${sceneId}` },
    evidenceSetId: null,
    itemCount: s.mentions,
    authorId: 'user-writer',
    authorName: 'Writer',
    rationale: '',
    stance,
    weight: 2,
    createdAt: '2025-03-11T14:00:00.000Z',
    revisionId: opts.revisionId ?? null,
    state: 'anchored',
    stateCheckedAt: '2025-03-11T14:00:00.000Z',
    sample: s,
  };
}
