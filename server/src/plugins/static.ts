import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import Type from 'typebox';
import { notFoundHandler } from '../errors.js';
import type { LibraryRouteAccess } from './access.js';

/** Options of the static client plugin. */
export interface StaticClientOptions {
  /** Directory of the built client (index.html + assets). */
  clientDir: string;
  /** Development mode: the client comes from Vite, so the placeholder page says so. */
  dev: boolean;
}

/**
 * The client's files are public (the app shell holds no data; the API
 * behind it checks every call). @fastify/static registers its file route
 * itself and takes no route config, so its access is declared here and
 * handed to the access plugin [AC4].
 */
export const STATIC_ROUTE_ACCESS: readonly LibraryRouteAccess[] = [{ url: '/*', access: { kind: 'public' } }];

/**
 * A GET the single-page app should answer: not the API, not the sync
 * endpoint, and not a file (a path whose last segment has an extension,
 * such as a missing /assets/x.js, stays a 404 instead of receiving HTML).
 */
export function isAppRoute(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const path = request.url.split('?')[0] ?? '/';
  if (path === '/api' || path.startsWith('/api/') || path === '/collab' || path.startsWith('/collab/')) return false;
  const last = path.slice(path.lastIndexOf('/') + 1);
  return !last.includes('.');
}

function placeholderPage(clientDir: string, dev: boolean): string {
  const hint = dev
    ? 'Development mode: open the Vite dev server started by <code>pnpm dev</code>.'
    : `The client is not built (no <code>${escapeHtml(join(clientDir, 'index.html'))}</code>). Run <code>pnpm build</code>, then restart.`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Loopline</title></head>
<body><h1>Loopline</h1><p>${hint}</p><p>The API is at <a href="/api/openapi.json">/api/openapi.json</a>.</p></body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}

/**
 * Serves the built client at `/` with a single-page-app fallback: any other
 * app route gets index.html so deep links work after a reload [API8]. This
 * plugin owns the app's not-found handler, because the fallback is a
 * not-found case; unknown /api and /collab routes (and any non-GET) get the
 * catalogue's 404. Without a built client, app routes get a page that says
 * how to build it.
 */
export const staticClientPlugin = fp<StaticClientOptions>(
  async (app, { clientDir, dev }) => {
    const built = existsSync(join(clientDir, 'index.html'));
    if (built) {
      // Hashed assets may be cached for long; index.html must be revalidated so a deploy is picked up.
      await app.register(fastifyStatic, {
        root: clientDir,
        wildcard: true,
        setHeaders: (reply, path) => {
          reply.header(
            'cache-control',
            path.endsWith('.html') ? 'no-cache' : path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
          );
        },
      });
    } else {
      app.get(
        '/',
        {
          config: { access: { kind: 'public' } },
          schema: { hide: true, response: { 200: Type.String({ description: 'HTML' }) } },
        },
        async (_request, reply) => reply.type('text/html; charset=utf-8').send(placeholderPage(clientDir, dev)),
      );
    }

    app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
      if (!isAppRoute(request)) return notFoundHandler(request, reply);
      if (!built) return reply.type('text/html; charset=utf-8').send(placeholderPage(clientDir, dev));
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    });
  },
  { name: 'loopline-static', fastify: '5.x', dependencies: ['loopline-errors'] },
);
