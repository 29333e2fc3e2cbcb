import type {
  EvidenceFilter,
  EvidenceLink,
  EvidenceSet,
  FeedbackItem,
  LinkStance,
  LinkState,
  LinkWeight,
  RelativePositionJSON,
} from '@loopline/shared';
import { query, request, unwrapList } from './http';

/*
 * Typed client of the evidence routes of issue 5 (/work/helpers/API-5.md):
 * evidence sets, links and coordination flags. Types are shared's.
 */

const enc = encodeURIComponent;
const seriesPath = (seriesId: string) => `/api/series/${enc(seriesId)}`;
const linkPath = (linkId: string) => `/api/links/${enc(linkId)}`;

// ---------------------------------------------------------------- evidence sets

/** GET /api/series/:seriesId/evidence-sets */
export async function listEvidenceSets(seriesId: string, signal?: AbortSignal): Promise<EvidenceSet[]> {
  const body = await request<unknown>('GET', `${seriesPath(seriesId)}/evidence-sets`, undefined, signal);
  return unwrapList<EvidenceSet>(body, 'sets');
}

/** POST /api/series/:seriesId/evidence-sets — saves an inbox filter by name; the server runs it once (`matched`). */
export function createEvidenceSet(seriesId: string, input: { name: string; filter: EvidenceFilter }): Promise<EvidenceSet> {
  return request<EvidenceSet>('POST', `${seriesPath(seriesId)}/evidence-sets`, input);
}

/** POST /api/evidence-sets/:setId/reevaluate — runs the filter again; links to the set follow. */
export function reevaluateEvidenceSet(setId: string): Promise<EvidenceSet> {
  return request<EvidenceSet>('POST', `/api/evidence-sets/${enc(setId)}/reevaluate`);
}

// ---------------------------------------------------------------- links

/** Filters of GET /api/episodes/:episodeId/links. */
export interface LinkListQuery {
  sceneId?: string;
  state?: LinkState;
  /** A revision id, or `none` for links in no revision yet. */
  revisionId?: string;
}

/** A span of a scene as the server takes it (shared's SpanAnchor without kind, scene and heading). */
export interface NewLinkSpan {
  blockIndex: number;
  start: RelativePositionJSON;
  end: RelativePositionJSON;
  quote: string;
}

/** Body of POST /api/episodes/:episodeId/links: at least one item in total (`itemIds` or the set's). */
export interface NewLinkInput {
  sceneId: string;
  span?: NewLinkSpan;
  itemIds?: string[];
  evidenceSetId?: string;
  rationale: string;
  stance: LinkStance;
  weight: LinkWeight;
}

/** Body of PATCH /api/links/:linkId. */
export interface LinkPatchInput {
  rationale?: string;
  stance?: LinkStance;
  weight?: LinkWeight;
}

/** One page of a link's items. */
export interface LinkItemsPage {
  items: FeedbackItem[];
  /** The link's item count. */
  total: number;
}

/** GET /api/episodes/:episodeId/links — oldest first. */
export async function listLinks(episodeId: string, filter: LinkListQuery = {}, signal?: AbortSignal): Promise<EvidenceLink[]> {
  const body = await request<unknown>('GET', `/api/episodes/${enc(episodeId)}/links${query({ ...filter })}`, undefined, signal);
  return unwrapList<EvidenceLink>(body, 'links');
}

/** POST /api/episodes/:episodeId/links — 201 with the link, its state (on the live script) and sample. */
export function createLink(episodeId: string, input: NewLinkInput): Promise<EvidenceLink> {
  return request<EvidenceLink>('POST', `/api/episodes/${enc(episodeId)}/links`, input);
}

/** GET /api/links/:linkId */
export function getLink(linkId: string, signal?: AbortSignal): Promise<EvidenceLink> {
  return request<EvidenceLink>('GET', linkPath(linkId), undefined, signal);
}

/** GET /api/links/:linkId/items?offset=&limit= — in posting order; authors are pseudonyms. */
export function getLinkItems(linkId: string, page: { offset?: number; limit?: number } = {}, signal?: AbortSignal): Promise<LinkItemsPage> {
  return request<LinkItemsPage>('GET', `${linkPath(linkId)}/items${query({ offset: page.offset, limit: page.limit })}`, undefined, signal);
}

/** PATCH /api/links/:linkId — 409 once its revision is past draft. */
export function updateLink(linkId: string, patch: LinkPatchInput): Promise<EvidenceLink> {
  return request<EvidenceLink>('PATCH', linkPath(linkId), patch);
}

/** DELETE /api/links/:linkId — 409 once its revision is past draft. */
export function deleteLink(linkId: string): Promise<void> {
  return request<void>('DELETE', linkPath(linkId));
}

// ---------------------------------------------------------------- coordination

/** POST /api/series/:seriesId/feedback/coordinated — flags (or clears) items as coordinated traffic. */
export function setCoordinated(seriesId: string, itemIds: string[], coordinated: boolean): Promise<{ changed: number }> {
  return request<{ changed: number }>('POST', `${seriesPath(seriesId)}/feedback/coordinated`, { itemIds, coordinated });
}

/** POST /api/series/:seriesId/feedback/detect-coordinated — runs burst detection over the series. */
export function detectCoordinated(seriesId: string): Promise<{ flagged: number }> {
  return request<{ flagged: number }>('POST', `${seriesPath(seriesId)}/feedback/detect-coordinated`);
}
