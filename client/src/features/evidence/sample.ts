import type { EvidenceFilter, FeedbackItem } from '@loopline/shared';
import type { FeedbackQuery } from '../../api/feedback';

/** What the client knows of a selected item: enough to preview the sample before linking. */
export interface SelectedItem {
  id: string;
  /** The viewer's pseudonym. */
  author: string;
  coordinated: boolean;
}

/** A sample preview: mentions, distinct viewers and coordinated items, and whether every item was counted. */
export interface SamplePreview {
  mentions: number;
  distinctViewers: number;
  coordinated: number;
  /** False when only part of the items was seen: `distinctViewers` is then a lower bound. */
  exact: boolean;
}

/** The part of an item a selection keeps. */
export const selectedOf = (item: FeedbackItem): SelectedItem => ({ id: item.id, author: item.author, coordinated: item.coordinated === true });

/**
 * Counts a sample the way the server does (storage's link samples): every
 * item is a mention; distinct viewers are the distinct authors of the items
 * not flagged as coordinated, so a bought burst adds no viewers [AU6] [UE2].
 */
export function previewSample(items: readonly SelectedItem[], mentions = items.length): SamplePreview {
  const viewers = new Set<string>();
  let coordinated = 0;
  for (const item of items) {
    if (item.coordinated) coordinated++;
    else viewers.add(item.author);
  }
  return { mentions, distinctViewers: viewers.size, coordinated, exact: mentions === items.length };
}

/** The inbox's query as a saved evidence-set filter: the same fields, sort and blanks left out [UE3]. */
export function evidenceFilterOf(query: FeedbackQuery): EvidenceFilter {
  const filter: EvidenceFilter = {};
  if (query.q?.trim()) filter.q = query.q.trim();
  if (query.episodeId) filter.episodeId = query.episodeId;
  if (query.kind) filter.kind = query.kind;
  if (query.platform) filter.platform = query.platform;
  if (query.from) filter.from = query.from;
  if (query.to) filter.to = query.to;
  if (query.minLikes !== undefined) filter.minLikes = query.minLikes;
  if (query.timecodeFrom !== undefined) filter.timecodeFrom = query.timecodeFrom;
  if (query.timecodeTo !== undefined) filter.timecodeTo = query.timecodeTo;
  if (query.segments && Object.keys(query.segments).length > 0) filter.segments = { ...query.segments };
  return filter;
}
