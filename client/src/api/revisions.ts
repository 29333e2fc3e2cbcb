import type {
  AuditFinding,
  AuditFindingKind,
  AuditThresholds,
  EpisodeDiff,
  EvidenceLink,
  FindingSummary,
  ItemTrace,
  LinkState,
  Revision,
  RevisionOutcome,
  RevisionTrace,
  SceneTrace,
} from '@loopline/shared';
import { query, request, unwrapList } from './http';

/*
 * Typed client of the issue-5 routes the revision, audit and trace views use
 * (/work/helpers/API-5.md sections Revisions, Audit, Trace, Reports). The
 * evidence-link routes proper live in api/evidence.ts; only the one read the
 * "new revision" form needs (unproposed links) is here, so the two clients
 * stay independent.
 */

const enc = encodeURIComponent;
const episodePath = (episodeId: string) => `/api/episodes/${enc(episodeId)}`;
const revisionPath = (revisionId: string) => `/api/revisions/${enc(revisionId)}`;

/** Body of POST /api/episodes/:episodeId/revisions. */
export interface NewRevisionInput {
  summary: string;
  linkIds: string[];
  /** A revision colour name; the server picks the next one when omitted. */
  colour?: string;
  authorIds?: string[];
}

/** GET /api/episodes/:episodeId/revisions — by number. */
export async function listRevisions(episodeId: string, signal?: AbortSignal): Promise<Revision[]> {
  return unwrapList<Revision>(await request<unknown>('GET', `${episodePath(episodeId)}/revisions`, undefined, signal), 'revisions');
}

/** POST /api/episodes/:episodeId/revisions — a draft snapshot of the live script. */
export function createRevision(episodeId: string, input: NewRevisionInput): Promise<Revision> {
  return request<Revision>('POST', `${episodePath(episodeId)}/revisions`, input);
}

/** GET /api/revisions/:revisionId */
export function getRevision(revisionId: string, signal?: AbortSignal): Promise<Revision> {
  return request<Revision>('GET', revisionPath(revisionId), undefined, signal);
}

/** PATCH /api/revisions/:revisionId — summary or links of a draft. */
export function updateRevision(revisionId: string, patch: { summary?: string; linkIds?: string[] }): Promise<Revision> {
  return request<Revision>('PATCH', revisionPath(revisionId), patch);
}

/** POST /api/revisions/:revisionId/propose */
export function proposeRevision(revisionId: string, comment = ''): Promise<Revision> {
  return request<Revision>('POST', `${revisionPath(revisionId)}/propose`, comment.trim() === '' ? {} : { comment });
}

/** POST /api/revisions/:revisionId/approve (showrunners and admins). */
export function approveRevision(revisionId: string, comment: string): Promise<Revision> {
  return request<Revision>('POST', `${revisionPath(revisionId)}/approve`, { comment });
}

/** POST /api/revisions/:revisionId/reject — the comment says why and may not be blank. */
export function rejectRevision(revisionId: string, comment: string): Promise<Revision> {
  return request<Revision>('POST', `${revisionPath(revisionId)}/reject`, { comment });
}

/** POST /api/revisions/:revisionId/air — records the release and moves approved → aired. */
export function airRevision(revisionId: string, input: { platform: string; airedAt: string }): Promise<Revision> {
  return request<Revision>('POST', `${revisionPath(revisionId)}/air`, input);
}

/** ProseMirror JSON of a revision's script as taken. */
export interface RevisionDoc {
  doc: unknown;
}

/** GET /api/revisions/:revisionId/doc */
export function getRevisionDoc(revisionId: string, signal?: AbortSignal): Promise<RevisionDoc> {
  return request<RevisionDoc>('GET', `${revisionPath(revisionId)}/doc`, undefined, signal);
}

/** One side of a diff: a revision, or (`to` only) the live script with nulls. */
export interface DiffSide {
  revisionId: string | null;
  colour: string | null;
}

/** GET /api/episodes/:episodeId/diff answer. */
export interface DiffResponse {
  diff: EpisodeDiff;
  from: DiffSide;
  to: DiffSide;
  /** Links per changed scene id. */
  evidence: Record<string, EvidenceLink[]>;
}

/** GET /api/episodes/:episodeId/diff?from=&to= — `to` a revision id or `current` (the live script). */
export function getDiff(episodeId: string, from: string, to: string, signal?: AbortSignal): Promise<DiffResponse> {
  return request<DiffResponse>('GET', `${episodePath(episodeId)}/diff${query({ from, to })}`, undefined, signal);
}

/** Filters of GET /api/episodes/:episodeId/links. */
export interface EpisodeLinksQuery {
  sceneId?: string;
  state?: LinkState;
  /** A revision id, or `none` for links in no revision yet. */
  revisionId?: string;
}

/** GET /api/episodes/:episodeId/links — oldest first. */
export async function listEpisodeLinks(episodeId: string, filter: EpisodeLinksQuery = {}, signal?: AbortSignal): Promise<EvidenceLink[]> {
  const body = await request<unknown>('GET', `${episodePath(episodeId)}/links${query({ ...filter })}`, undefined, signal);
  return unwrapList<EvidenceLink>(body, 'links');
}

/** Filters of the series' evidence audit. */
export interface EvidenceAuditQuery {
  kind?: AuditFindingKind;
  episodeId?: string;
  /** A revision id, or `none` for the working script. */
  revisionId?: string;
}

/** GET /api/series/:seriesId/evidence-audit answer. */
export interface EvidenceAuditResult {
  findings: AuditFinding[];
  thresholds: AuditThresholds;
  summary: FindingSummary;
}

const auditQuery = (filter: EvidenceAuditQuery, format?: 'csv') =>
  query({ kind: filter.kind || undefined, episodeId: filter.episodeId || undefined, revisionId: filter.revisionId || undefined, format });

/** GET /api/series/:seriesId/evidence-audit — findings, the thresholds used and counts. */
export function getEvidenceAudit(seriesId: string, filter: EvidenceAuditQuery = {}, signal?: AbortSignal): Promise<EvidenceAuditResult> {
  return request<EvidenceAuditResult>('GET', `/api/series/${enc(seriesId)}/evidence-audit${auditQuery(filter)}`, undefined, signal);
}

/** The CSV download of the same findings (a plain link: the browser saves the attachment). */
export function evidenceAuditCsvUrl(seriesId: string, filter: EvidenceAuditQuery = {}): string {
  return `/api/series/${enc(seriesId)}/evidence-audit${auditQuery(filter, 'csv')}`;
}

/** GET /api/episodes/:episodeId/audit */
export function getEpisodeEvidenceAudit(episodeId: string, signal?: AbortSignal): Promise<{ findings: AuditFinding[]; thresholds: AuditThresholds }> {
  return request('GET', `${episodePath(episodeId)}/audit`, undefined, signal);
}

/** GET /api/series/:seriesId/audit-settings */
export function getAuditThresholds(seriesId: string, signal?: AbortSignal): Promise<AuditThresholds> {
  return request<AuditThresholds>('GET', `/api/series/${enc(seriesId)}/audit-settings`, undefined, signal);
}

/** PUT /api/series/:seriesId/audit-settings (those who approve revisions). */
export function setAuditThresholds(seriesId: string, thresholds: AuditThresholds): Promise<AuditThresholds> {
  return request<AuditThresholds>('PUT', `/api/series/${enc(seriesId)}/audit-settings`, thresholds);
}

/** GET /api/feedback/:itemId/trace — with the outcomes of aired revisions unless `outcomes` is false. */
export function getItemTrace(itemId: string, opts: { outcomes?: boolean } = {}, signal?: AbortSignal): Promise<ItemTrace> {
  return request<ItemTrace>('GET', `/api/feedback/${enc(itemId)}/trace${query({ outcomes: opts.outcomes ?? true })}`, undefined, signal);
}

/** GET /api/episodes/:episodeId/scenes/:sceneId/trace */
export function getSceneTrace(episodeId: string, sceneId: string, signal?: AbortSignal): Promise<SceneTrace> {
  return request<SceneTrace>('GET', `${episodePath(episodeId)}/scenes/${enc(sceneId)}/trace`, undefined, signal);
}

/** GET /api/revisions/:revisionId/trace — its links and, once aired, its outcome (unless `outcome` is false). */
export function getRevisionTrace(revisionId: string, opts: { outcome?: boolean } = {}, signal?: AbortSignal): Promise<RevisionTrace> {
  const q = opts.outcome === false ? '?outcome=false' : '';
  return request<RevisionTrace>('GET', `${revisionPath(revisionId)}/trace${q}`, undefined, signal);
}

/** GET /api/revisions/:revisionId/outcome[?compareTo=] */
export function getRevisionOutcome(revisionId: string, compareTo?: string, signal?: AbortSignal): Promise<RevisionOutcome> {
  return request<RevisionOutcome>('GET', `${revisionPath(revisionId)}/outcome${query({ compareTo: compareTo || undefined })}`, undefined, signal);
}

/** Formats of the evidence report. */
export type ReportFormat = 'html' | 'pdf';

/** The report download of a revision or an episode (plain links; the server answers an attachment). */
export function reportUrl(scope: 'revision' | 'episode', id: string, format: ReportFormat): string {
  return `${scope === 'revision' ? revisionPath(id) : episodePath(id)}/report.${format}`;
}
