import fp from 'fastify-plugin';
import { errorHandler } from '../errors.js';

/**
 * Installs the central error handler for the whole app, so every route and
 * plugin answers errors from the one catalogue in errors.ts. (The not-found
 * handler lives in the static plugin, because the SPA fallback is a
 * not-found case; it answers unknown /api routes in the same shape.)
 */
export const errorsPlugin = fp(
  async (app) => {
    app.setErrorHandler(errorHandler);
  },
  { name: 'loopline-errors', fastify: '5.x' },
);
