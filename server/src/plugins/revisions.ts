import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  type Episode,
  nextRevisionColour,
  parseRevisionColour,
  REVISION_TRANSITIONS,
  type Revision,
  type RevisionStatus,
  revisionColourName,
} from '@loopline/shared';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import Type, { type TObject } from 'typebox';
import { AppError, notFound } from '../errors.js';
import { evidenceWriteError, invalid } from '../evidence/http.js';
import { diffRevision, type EvidenceServices, snapshotOfState } from '../evidence/index.js';
import type { Storage } from '../storage/types.js';
import {
  AirBody,
  ApproveBody,
  DiffQuery,
  DiffResponseSchema,
  NewRevisionBody,
  ProposeBody,
  RejectBody,
  RevisionDocSchema,
  RevisionPatchBody,
  RevisionSchema,
} from './evidenceSchemas.js';
import { errorResponses, Id } from './schemas.js';

/** Options of the revisions plugin. */
export interface RevisionsOptions {
  storage: Storage;
  evidence: EvidenceServices;
}

const READ = { access: { kind: 'series', action: 'series.read' } } as const;
const PROPOSE = { access: { kind: 'series', action: 'revision.propose' } } as const;
const RevisionParams = Type.Object({ revisionId: Id });
const EpisodeParams = Type.Object({ episodeId: Id });

const label = (r: Revision) => `revision ${r.number} (${r.colour})`;

/** A workflow step REVISION_TRANSITIONS does not allow is a 409 naming the status and the steps allowed from it [RW4]. */
function checkStep(revision: Revision, to: RevisionStatus): void {
  const allowed = REVISION_TRANSITIONS[revision.status];
  if (allowed.includes(to)) return;
  const next = allowed.length === 0 ? 'none (it is final)' : allowed.join(', ');
  throw new AppError('conflict', `The ${label(revision)} is ${revision.status}; it cannot become ${to}. Allowed next: ${next}.`);
}

/**
 * Revisions [RW1]–[RW10]: named, immutable checkpoints of an episode's live
 * script with the links that motivated them, their workflow (a writer
 * proposes; a showrunner approves or rejects with a comment; operations mark
 * the approved one aired with its release), the document as taken, and the
 * diff between revisions or against the live script with the evidence of
 * each changed scene. Every step is a storage event and an audit-log entry.
 */
const revisions: FastifyPluginAsyncTypebox<RevisionsOptions> = async (app, { storage, evidence }) => {
  const at = () => new Date(evidence.now()).toISOString();

  async function requireRevision(id: string): Promise<Revision> {
    const revision = await storage.getRevision(id);
    if (!revision) throw notFound('revision', id);
    return revision;
  }

  async function requireEpisode(id: string): Promise<Episode> {
    const episode = await storage.getEpisode(id);
    if (!episode) throw notFound('episode', id);
    return episode;
  }

  /** Links for a revision: of this episode (400 at their path otherwise) and in no other revision (409). */
  async function checkLinks(episode: Episode, revisionId: string | null, linkIds: readonly string[], path: string): Promise<void> {
    const links = await Promise.all(linkIds.map((id) => storage.getLink(id)));
    for (const [i, link] of links.entries()) {
      if (!link || link.seriesId !== episode.seriesId) throw invalid(`${path}/${i}`, `names link ${linkIds[i]}, which does not exist`);
      if (link.episodeId !== episode.id) throw invalid(`${path}/${i}`, `names link ${link.id}, which is a link of another episode`);
      if (link.revisionId !== null && link.revisionId !== revisionId) {
        const other = await storage.getRevision(link.revisionId);
        throw new AppError('conflict', `Link ${link.id} already belongs to ${other ? label(other) : `revision ${link.revisionId}`}.`, [
          { path: `${path}/${i}`, message: 'already belongs to another revision' },
        ]);
      }
    }
  }

  /** Authors must be members of the series (or site admins, who act as admin in every series). */
  async function checkAuthors(seriesId: string, authorIds: readonly string[]): Promise<void> {
    for (const [i, id] of authorIds.entries()) {
      if ((await storage.getMembership(seriesId, id)) !== null) continue;
      if ((await storage.getUser(id))?.isAdmin) continue;
      throw invalid(`body/authorIds/${i}`, `names user ${id}, who is not a member of this series`);
    }
  }

  /** The colour asked for, spelled as the industry names it, and not one the episode already used; else the next one [RW2]. */
  function pickColour(asked: string | undefined, existing: readonly Revision[]): string {
    if (asked === undefined) return nextRevisionColour(existing.map((r) => r.colour));
    const parsed = parseRevisionColour(asked);
    if (!parsed) throw invalid('body/colour', 'is not a revision colour (White, Blue, Pink, Yellow, Green, Goldenrod, Buff, Salmon, Cherry, Double White, …)');
    const colour = revisionColourName(parsed.rank);
    const taken = existing.find((r) => r.colour === colour);
    if (taken) throw invalid('body/colour', `is already the colour of ${label(taken)}`);
    return colour;
  }

  app.get(
    '/api/episodes/:episodeId/revisions',
    {
      config: READ,
      schema: {
        summary: "An episode's revisions by number, with status, workflow events, release and links",
        tags: ['revisions'],
        params: EpisodeParams,
        response: { 200: Type.Object({ revisions: Type.Array(RevisionSchema) }), ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const episode = await requireEpisode(request.params.episodeId);
      return { revisions: await storage.listRevisions(episode.id) };
    },
  );

  app.post(
    '/api/episodes/:episodeId/revisions',
    {
      config: PROPOSE,
      schema: {
        summary: 'Take a revision of the live script (a draft) with the links that motivated it',
        tags: ['revisions'],
        params: EpisodeParams,
        body: NewRevisionBody,
        response: { 201: RevisionSchema, ...errorResponses(400, 404, 409) },
      },
    },
    async (request, reply) => {
      const episode = await requireEpisode(request.params.episodeId);
      const { summary, linkIds, colour: asked, authorIds = [] } = request.body;
      await checkLinks(episode, null, linkIds, 'body/linkIds');
      await checkAuthors(episode.seriesId, authorIds);
      const colour = pickColour(asked, await storage.listRevisions(episode.id));
      // One encoding of the live document: the stored state and its canonical JSON are the same script [RW1].
      const snapshot = snapshotOfState(episode.id, await evidence.live.state(episode.id), episode.language);
      let revision: Revision;
      try {
        revision = await storage.createRevision({
          seriesId: episode.seriesId,
          episodeId: episode.id,
          colour,
          summary: summary.trim(),
          authorIds,
          createdBy: request.principal!.userId,
          ...snapshot,
          linkIds,
          createdAt: at(),
        });
      } catch (err) {
        throw evidenceWriteError(err, { linksPath: 'body/linkIds', linkIds });
      }
      await audit(request, revision, 'revision.created', { linkIds: revision.linkIds, sceneCount: revision.sceneCount });
      return reply.status(201).send(revision);
    },
  );

  app.get(
    '/api/revisions/:revisionId',
    {
      config: READ,
      schema: {
        summary: 'One revision',
        tags: ['revisions'],
        params: RevisionParams,
        response: { 200: RevisionSchema, ...errorResponses(400, 404) },
      },
    },
    async (request) => requireRevision(request.params.revisionId),
  );

  app.patch(
    '/api/revisions/:revisionId',
    {
      config: PROPOSE,
      schema: {
        summary: "Change a draft revision's summary or links (409 once proposed)",
        tags: ['revisions'],
        params: RevisionParams,
        body: RevisionPatchBody,
        response: { 200: RevisionSchema, ...errorResponses(400, 404, 409) },
      },
    },
    async (request) => {
      const current = await requireRevision(request.params.revisionId);
      const { summary, linkIds } = request.body;
      if (current.status !== 'draft') throw new AppError('conflict', `The ${label(current)} is ${current.status}; only a draft can change.`);
      if (linkIds) await checkLinks(await requireEpisode(current.episodeId), current.id, linkIds, 'body/linkIds');
      let revision: Revision | null;
      try {
        revision = await storage.updateRevisionDraft(current.id, { summary: summary?.trim(), linkIds });
      } catch (err) {
        throw evidenceWriteError(err, { linksPath: 'body/linkIds', linkIds });
      }
      if (!revision) throw notFound('revision', current.id);
      await audit(request, revision, 'revision.updated', { changed: Object.keys(request.body), linkIds: revision.linkIds });
      return revision;
    },
  );

  async function audit(request: FastifyRequest, revision: Revision, action: string, details: Record<string, unknown> = {}): Promise<void> {
    await app.audit(request, {
      action,
      seriesId: revision.seriesId,
      target: `${revision.colour} (${revision.number})`,
      details: { revisionId: revision.id, episodeId: revision.episodeId, status: revision.status, ...details },
    });
  }

  /** One workflow step: checked, applied atomically by storage with its event, written to the audit log. */
  async function step(request: FastifyRequest, revisionId: string, to: RevisionStatus, comment: string, releaseId?: string): Promise<Revision> {
    const current = await requireRevision(revisionId);
    checkStep(current, to);
    const revision = await storage.transitionRevision({ revisionId, to, event: { byId: request.principal!.userId, at: at(), comment }, releaseId });
    if (!revision) throw notFound('revision', revisionId);
    await audit(request, revision, `revision.${to}`, { from: current.status, comment, ...(releaseId ? { releaseId } : {}) });
    return revision;
  }

  /** A workflow route: `to` with the comment of its body. */
  function stepRoute(path: string, to: RevisionStatus, action: 'revision.propose' | 'revision.approve', body: TObject, summary: string): void {
    app.post(
      `/api/revisions/:revisionId/${path}`,
      {
        config: { access: { kind: 'series', action } },
        schema: { summary, tags: ['revisions'], params: RevisionParams, body, response: { 200: RevisionSchema, ...errorResponses(400, 403, 404, 409) } },
      },
      async (request) => step(request, request.params.revisionId, to, (request.body as { comment?: string }).comment?.trim() ?? ''),
    );
  }
  stepRoute('propose', 'proposed', 'revision.propose', ProposeBody, 'Propose a draft revision for approval');
  stepRoute('approve', 'approved', 'revision.approve', ApproveBody, 'Approve a proposed revision, with a comment (showrunners and admins)');
  stepRoute('reject', 'rejected', 'revision.approve', RejectBody, 'Reject a proposed revision; the comment says why (showrunners and admins)');

  app.post(
    '/api/revisions/:revisionId/air',
    {
      config: { access: { kind: 'series', action: 'release.mark' } },
      schema: {
        summary: 'Mark an approved revision aired: records the release (platform, time) tied to it; the episode becomes aired',
        tags: ['revisions'],
        params: RevisionParams,
        body: AirBody,
        response: { 200: RevisionSchema, ...errorResponses(400, 403, 404, 409) },
      },
    },
    async (request) => {
      const { platform, airedAt } = request.body;
      const ms = Date.parse(airedAt);
      if (!Number.isFinite(ms)) throw invalid('body/airedAt', 'must be an ISO-8601 date-time');
      const current = await requireRevision(request.params.revisionId);
      // Checked before the release is stored, so a refused step leaves no release behind.
      checkStep(current, 'aired');
      const release = await storage.createRelease({ seriesId: current.seriesId, episodeId: current.episodeId, platform, airedAt: new Date(ms).toISOString() });
      const revision = await step(request, current.id, 'aired', '', release.id);
      await storage.updateEpisode(current.episodeId, { status: 'aired' });
      return revision;
    },
  );

  app.get(
    '/api/revisions/:revisionId/doc',
    {
      config: READ,
      schema: {
        summary: 'The script of a revision as it was taken (ProseMirror JSON)',
        tags: ['revisions'],
        params: RevisionParams,
        response: { 200: RevisionDocSchema, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const content = await storage.getRevisionContent(request.params.revisionId);
      if (!content) throw notFound('revision', request.params.revisionId);
      return { doc: content.doc };
    },
  );

  app.get(
    '/api/episodes/:episodeId/diff',
    {
      config: READ,
      schema: {
        summary: 'Diff a revision against another or the live script (scenes added, removed, moved, changed; text within), with the evidence of each changed scene',
        tags: ['revisions'],
        params: EpisodeParams,
        querystring: DiffQuery,
        response: { 200: DiffResponseSchema, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const episode = await requireEpisode(request.params.episodeId);
      const { from: fromId, to: toId = 'current' } = request.query;
      const side = async (id: string, field: 'from' | 'to') => {
        const revision = await storage.getRevision(id);
        if (!revision || revision.episodeId !== episode.id) throw invalid(`querystring/${field}`, 'is not a revision of this episode');
        return revision;
      };
      const from = await side(fromId, 'from');
      const to = toId === 'current' ? null : await side(toId, 'to');
      const result = await diffRevision({ storage, live: evidence.live }, from, to);
      if (!result) throw notFound('revision', from.id);
      return result;
    },
  );
};

/** The revisions plugin. */
export const revisionsPlugin = fp(revisions, {
  name: 'loopline-revisions',
  fastify: '5.x',
  encapsulate: true,
  dependencies: ['loopline-errors', 'loopline-openapi', 'loopline-access', 'loopline-audit'],
});
