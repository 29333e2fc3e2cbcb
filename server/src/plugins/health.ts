import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import fp from 'fastify-plugin';
import Type from 'typebox';
import { AppError } from '../errors.js';
import type { Storage } from '../storage/types.js';
import { errorResponses } from './schemas.js';

/** Options of the health plugin. */
export interface HealthOptions {
  storage: Storage;
  /** How long storage may take to answer before the server counts as unhealthy. */
  timeoutMs?: number;
}

// A valid UUID that names no row: a column typed uuid (PostgreSQL) must accept it.
const PROBE_ID = '00000000-0000-0000-0000-000000000000';

/**
 * GET /api/health: 200 when storage answers a trivial read in time, 503
 * otherwise [API7]. A load balancer or the e2e runner polls it.
 */
const health: FastifyPluginAsyncTypebox<HealthOptions> = async (app, { storage, timeoutMs = 2000 }) => {
  app.get(
    '/api/health',
    {
      config: { access: { kind: 'public' } },
      schema: {
        summary: 'Liveness and storage readiness',
        tags: ['meta'],
        response: { 200: Type.Object({ status: Type.Literal('ok') }), ...errorResponses(503) },
      },
    },
    async (request) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`storage did not answer within ${timeoutMs} ms`)), timeoutMs);
      });
      try {
        await Promise.race([storage.getSeries(PROBE_ID), timeout]);
      } catch (err) {
        request.log.warn({ err }, 'health check failed');
        throw new AppError('unavailable', 'Storage is not answering.');
      } finally {
        clearTimeout(timer);
      }
      return { status: 'ok' as const };
    },
  );
};

/** The health plugin. */
export const healthPlugin = fp(health, {
  name: 'loopline-health',
  fastify: '5.x',
  encapsulate: true,
  dependencies: ['loopline-errors', 'loopline-openapi', 'loopline-access'],
});
