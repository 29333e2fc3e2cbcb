import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { LANGUAGES, type Language } from '@loopline/shared';
import type { FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import Type from 'typebox';
import { notFound } from '../errors.js';
import { episodeReport, REPORT_HTML_CSP, type ReportDeps, type ReportModel, renderHtml, renderPdf, reportFonts, revisionReport } from '../reports/index.js';
import type { Storage } from '../storage/types.js';
import { createTraceServices, type TraceServices } from '../trace/index.js';
import { errorResponses, Id } from './schemas.js';

/** Options of the reports plugin. */
export interface ReportsOptions {
  storage: Storage;
  /** The caches the trace and audit routes share (revision documents, changed ranges); made here when absent. */
  services?: TraceServices;
  now?: () => number;
}

const EXPORT = { access: { kind: 'series', action: 'report.export' } } as const;
const Query = Type.Object(
  { lang: Type.Optional(Type.Enum(LANGUAGES, { description: "Language of the report's labels (default: the episode's)." })) },
  { additionalProperties: false },
);
const HTML_200 = {
  description: 'The report as one self-contained HTML page (inline CSS, no script), as an attachment.',
  content: { 'text/html': { schema: Type.String() } },
};
const PDF_200 = {
  description: 'The report as a PDF (A4, Chinese set in an embedded Noto Sans SC subset), as an attachment.',
  content: { 'application/pdf': { schema: Type.String({ format: 'binary' }) } },
};

/** Characters a file name may not hold on common systems, plus control characters. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is removed.
const UNSAFE_FILE_CHARS = /[\\/:*?"<>|\u0000-\u001f\u007f]+/g;

/**
 * `attachment` with a readable name [RP9]: series, episode, revision colour
 * and date, UTF-8 in `filename*` (RFC 6266/5987, so Chinese titles survive)
 * and an ASCII-only fallback in `filename`.
 */
export function reportDisposition(model: ReportModel, ext: 'html' | 'pdf', language: Language = model.language): string {
  const date = model.generatedAt.slice(0, 10);
  const revision = model.kind === 'revision' ? model.revisions[0] : undefined;
  const clean = (s: string) => s.replace(UNSAFE_FILE_CHARS, ' ').replace(/\s+/g, ' ').trim();
  const series = clean(model.series.title).slice(0, 80) || 'series';
  const parts =
    language === 'zh'
      ? [`${series} 第${model.episode.number}集`, ...(revision ? [`${clean(revision.colour)} 修订`] : []), '证据报告', date]
      : [series, `episode ${model.episode.number}`, ...(revision ? [`${clean(revision.colour)} revision`] : []), 'evidence report', date];
  const readable = `${parts.join(' - ')}.${ext}`;
  const slug = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
  const ascii = ['evidence-report', `ep${model.episode.number}`, ...(revision ? [slug(revision.colour) || `r${revision.number}`] : []), date].join('-');
  return `attachment; filename="${ascii}.${ext}"; filename*=UTF-8''${encodeURIComponent(readable).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

/**
 * The evidence report per revision and per episode, as HTML and PDF
 * [RP1]–[RP9]: downloads for everyone in the series (`report.export`).
 */
const reports: FastifyPluginAsyncTypebox<ReportsOptions> = async (app, { storage, services, now = Date.now }) => {
  const { diffs, outcomes } = services ?? createTraceServices(storage);
  const deps: ReportDeps = { storage, doc: (id) => diffs.doc(id), outcomesOf: (revisions) => outcomes.many(revisions), now };
  // Read and parse the CJK font as the app starts, off the request path; a failure is logged and retried by the first PDF.
  reportFonts().catch((err: unknown) => app.log.error({ err }, 'report fonts could not be loaded'));

  async function revisionModel(revisionId: string): Promise<ReportModel> {
    const revision = await storage.getRevision(revisionId);
    const model = revision ? await revisionReport(deps, revision) : null;
    if (!model) throw notFound('revision', revisionId);
    return model;
  }

  async function episodeModel(episodeId: string): Promise<ReportModel> {
    const model = await episodeReport(deps, episodeId);
    if (!model) throw notFound('episode', episodeId);
    return model;
  }

  function sendHtml(reply: FastifyReply, model: ReportModel, lang: Language | undefined) {
    return reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-disposition', reportDisposition(model, 'html', lang))
      .header('content-security-policy', REPORT_HTML_CSP)
      .header('cache-control', 'no-store')
      .send(renderHtml(model, lang ?? model.language));
  }

  async function sendPdf(reply: FastifyReply, model: ReportModel, lang: Language | undefined) {
    const pdf = await renderPdf(model, lang ?? model.language);
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', reportDisposition(model, 'pdf', lang))
      .header('cache-control', 'no-store')
      .send(pdf);
  }

  const RevisionParams = Type.Object({ revisionId: Id });
  const EpisodeParams = Type.Object({ episodeId: Id });
  const revisionSummary = "A revision's evidence report: its workflow, the scenes it changed against the revision before it (with text diffs), the evidence linked to each with quotes and sample sizes, and its outcome";
  const episodeSummary = "An episode's evidence report: every revision, the latest against the one before (with text diffs), every revision's evidence with quotes and sample sizes, and the outcomes";

  app.get(
    '/api/revisions/:revisionId/report.html',
    { config: EXPORT, schema: { summary: `${revisionSummary} (HTML)`, tags: ['reports'], params: RevisionParams, querystring: Query, response: { 200: HTML_200, ...errorResponses(400, 404) } } },
    async (request, reply) => sendHtml(reply, await revisionModel(request.params.revisionId), request.query.lang),
  );
  app.get(
    '/api/revisions/:revisionId/report.pdf',
    { config: EXPORT, schema: { summary: `${revisionSummary} (PDF)`, tags: ['reports'], params: RevisionParams, querystring: Query, response: { 200: PDF_200, ...errorResponses(400, 404) } } },
    async (request, reply) => sendPdf(reply, await revisionModel(request.params.revisionId), request.query.lang),
  );
  app.get(
    '/api/episodes/:episodeId/report.html',
    { config: EXPORT, schema: { summary: `${episodeSummary} (HTML)`, tags: ['reports'], params: EpisodeParams, querystring: Query, response: { 200: HTML_200, ...errorResponses(400, 404) } } },
    async (request, reply) => sendHtml(reply, await episodeModel(request.params.episodeId), request.query.lang),
  );
  app.get(
    '/api/episodes/:episodeId/report.pdf',
    { config: EXPORT, schema: { summary: `${episodeSummary} (PDF)`, tags: ['reports'], params: EpisodeParams, querystring: Query, response: { 200: PDF_200, ...errorResponses(400, 404) } } },
    async (request, reply) => sendPdf(reply, await episodeModel(request.params.episodeId), request.query.lang),
  );
};

/** The reports plugin. */
export const reportsPlugin = fp(reports, {
  name: 'loopline-reports',
  fastify: '5.x',
  encapsulate: true,
  dependencies: ['loopline-errors', 'loopline-openapi', 'loopline-access'],
});
