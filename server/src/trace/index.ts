import type { Storage } from '../storage/types.js';
import { RevisionDiffs } from './diffs.js';
import { SceneHeadings, type SceneHeadingsOptions } from './headings.js';
import { Outcomes } from './outcome.js';

export * from './audit.js';
export * from './diffs.js';
export * from './headings.js';
export * from './outcome.js';
export * from './trace.js';

/** The caches the audit and trace routes share: revision diffs, scene headings, changed ranges. */
export interface TraceServices {
  diffs: RevisionDiffs;
  headings: SceneHeadings;
  outcomes: Outcomes;
}

/** One set of trace services per app (the caches live as long as it does). */
export function createTraceServices(storage: Storage, opts: { headings?: SceneHeadingsOptions } = {}): TraceServices {
  const diffs = new RevisionDiffs(storage);
  return { diffs, headings: new SceneHeadings(storage, opts.headings), outcomes: new Outcomes(storage, diffs) };
}
