import { type TypeBoxTypeProvider, TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import { defaultSeriesResolvers } from './auth/guard.js';
import { AccessControl } from './auth/service.js';
import type { Config } from './config.js';
import { createEvidenceServices } from './evidence/index.js';
import { ImportRunner } from './imports/runner.js';
import { accessPlugin } from './plugins/access.js';
import { auditPlugin } from './plugins/audit.js';
import { authPlugin } from './plugins/auth.js';
import { biblePlugin } from './plugins/bible.js';
import { collabPlugin } from './plugins/collab.js';
import { coordinationPlugin } from './plugins/coordination.js';
import { episodesPlugin } from './plugins/episodes.js';
import { errorsPlugin } from './plugins/errors.js';
import { evidenceAuditPlugin } from './plugins/evidenceAudit.js';
import { evidenceSetsPlugin } from './plugins/evidenceSets.js';
import { feedbackPlugin, feedbackSeriesResolvers } from './plugins/feedback.js';
import { healthPlugin } from './plugins/health.js';
import { importsPlugin } from './plugins/imports.js';
import { evidenceSeriesResolvers, linksPlugin } from './plugins/links.js';
import { membersPlugin } from './plugins/members.js';
import { metricsPlugin } from './plugins/metrics.js';
import { openapiPlugin } from './plugins/openapi.js';
import { privacyPlugin } from './plugins/privacy.js';
import { releasesPlugin } from './plugins/releases.js';
import { reportsPlugin } from './plugins/reports.js';
import { revisionsPlugin } from './plugins/revisions.js';
import { securityPlugin } from './plugins/security.js';
import { seriesPlugin } from './plugins/series.js';
import { STATIC_ROUTE_ACCESS, staticClientPlugin } from './plugins/static.js';
import { revisionSeriesResolvers, tracePlugin } from './plugins/trace.js';
import { usersPlugin } from './plugins/users.js';
import type { Storage } from './storage/types.js';
import { createTraceServices } from './trace/index.js';

/** What the app is built from: configuration and an opened, migrated storage. */
export interface AppDeps {
  config: Config;
  storage: Storage;
  /** Fastify logger option; defaults to pino at config.logLevel. Tests pass false. */
  logger?: boolean | object;
  /** The clock of sessions, sign-in limits and the audit log (ms since the epoch); tests inject one. */
  now?: () => number;
}

/**
 * Largest JSON body the API accepts [API4]. Script content travels over the
 * sync endpoint (with its own limit), so REST bodies are small; imports that
 * need more will set a per-route bodyLimit.
 */
export const API_BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * Builds the Loopline app as a tree of plugins (STYLE.md habit 8). The order
 * of the list is the order of registration and is part of the design:
 * errors first (so every later plugin answers from the catalogue); security
 * next, so its headers are on every response, even a refusal, and its CSRF
 * check runs before any route; access before every route, because it
 * refuses a route without an access rule as it is registered and guards
 * each request (issue 3); OpenAPI before the routes it documents; the
 * client's static files and not-found handler last.
 */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, storage } = deps;
  const app = Fastify({
    logger: deps.logger ?? { level: config.logLevel },
    bodyLimit: API_BODY_LIMIT_BYTES,
    // Stop a slow or stuck client from holding a request open forever; WebSockets are unaffected once upgraded.
    // One value for every route: long enough for an import upload of a large export (issue 4).
    requestTimeout: config.imports.requestTimeoutMs,
  }).withTypeProvider<TypeBoxTypeProvider>();
  // TypeBox validates: bodies strictly (no coercion, unknown fields rejected),
  // params and querystrings with string-to-type conversion [API6].
  app.setValidatorCompiler(TypeBoxValidatorCompiler);

  const access = new AccessControl({
    storage,
    auth: config.auth,
    now: deps.now,
    onListenerError: (err) => app.log.error({ err }, 'access-change listener failed'),
  });

  await app.register(errorsPlugin);
  await app.register(securityPlugin, { access });
  const resolvers = [
    ...defaultSeriesResolvers(storage),
    ...feedbackSeriesResolvers(storage),
    ...revisionSeriesResolvers(storage),
    ...evidenceSeriesResolvers(storage),
  ];
  await app.register(accessPlugin, { access, resolvers, libraryRoutes: STATIC_ROUTE_ACCESS });
  await app.register(openapiPlugin);
  await app.register(auditPlugin, { storage, access });
  await app.register(authPlugin, { storage, access, auth: config.auth });
  await app.register(usersPlugin, { storage, access });
  await app.register(healthPlugin, { storage });
  await app.register(seriesPlugin, { storage });
  await app.register(membersPlugin, { storage, access });
  await app.register(episodesPlugin, { storage });
  await app.register(biblePlugin, { storage });
  await app.register(collabPlugin, { storage, config });
  const runner = new ImportRunner({
    storage,
    now: deps.now,
    maxBytes: config.imports.maxUploadBytes,
    onInternalError: (err, job) => app.log.error({ err, importId: job.id }, 'import failed'),
  });
  await app.register(importsPlugin, { storage, runner });
  await app.register(feedbackPlugin, { storage });
  await app.register(metricsPlugin, { storage });
  await app.register(releasesPlugin, { storage });
  await app.register(privacyPlugin, { storage, now: deps.now });
  const evidence = createEvidenceServices(storage, { rooms: () => app.collabRooms, log: app.log, now: deps.now });
  await app.register(evidenceSetsPlugin, { storage, evidence });
  await app.register(linksPlugin, { storage, evidence });
  await app.register(revisionsPlugin, { storage, evidence });
  await app.register(coordinationPlugin, { storage });
  const traceServices = createTraceServices(storage, { headings: { onError: (err, episodeId) => app.log.error({ err, episodeId }, 'trace headings refresh failed') } });
  await app.register(evidenceAuditPlugin, { storage, services: traceServices, now: deps.now });
  await app.register(tracePlugin, { storage, services: traceServices });
  await app.register(reportsPlugin, { storage, services: traceServices, now: deps.now });
  await app.register(staticClientPlugin, { clientDir: config.clientDir, dev: config.dev });

  return app;
}
