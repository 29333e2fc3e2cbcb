import { type TypeBoxTypeProvider, TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import { biblePlugin } from './plugins/bible.js';
import { collabPlugin } from './plugins/collab.js';
import { episodesPlugin } from './plugins/episodes.js';
import { errorsPlugin } from './plugins/errors.js';
import { healthPlugin } from './plugins/health.js';
import { openapiPlugin } from './plugins/openapi.js';
import { seriesPlugin } from './plugins/series.js';
import { staticClientPlugin } from './plugins/static.js';
import type { Storage } from './storage/types.js';

/** What the app is built from: configuration and an opened, migrated storage. */
export interface AppDeps {
  config: Config;
  storage: Storage;
  /** Fastify logger option; defaults to pino at config.logLevel. Tests pass false. */
  logger?: boolean | object;
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
 * errors first (so every later plugin answers from the catalogue), OpenAPI
 * before the routes it documents, the client's static files and not-found
 * handler last. Auth (issue 3) slots in after openapi, before the routes.
 */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, storage } = deps;
  const app = Fastify({
    logger: deps.logger ?? { level: config.logLevel },
    bodyLimit: API_BODY_LIMIT_BYTES,
    // Stop a slow or stuck client from holding a request open forever; WebSockets are unaffected once upgraded.
    requestTimeout: 30_000,
  }).withTypeProvider<TypeBoxTypeProvider>();
  // TypeBox validates: bodies strictly (no coercion, unknown fields rejected),
  // params and querystrings with string-to-type conversion [API6].
  app.setValidatorCompiler(TypeBoxValidatorCompiler);

  await app.register(errorsPlugin);
  await app.register(openapiPlugin);
  await app.register(healthPlugin, { storage });
  await app.register(seriesPlugin, { storage });
  await app.register(episodesPlugin, { storage });
  await app.register(biblePlugin, { storage });
  await app.register(collabPlugin, { storage, config });
  await app.register(staticClientPlugin, { clientDir: config.clientDir, dev: config.dev });

  return app;
}
