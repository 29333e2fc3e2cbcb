/**
 * The app as `pnpm start` runs it, for the HTTP part of the trace bench: the
 * configuration comes from the environment the bench sets (data directory,
 * port 0, no demo seed), and the URL it listens on is printed as
 * `LISTENING <url>` for the parent to read. Stops on SIGTERM.
 *
 * With `--bare`, a bare Fastify app with one route (GET /hello → a small
 * JSON object) instead: the same load against it shows what this machine
 * serves at best at that moment, the ceiling any route stays under.
 */
import Fastify from 'fastify';
import { loadConfig } from '../src/config.js';
import { start } from '../src/server.js';

async function bare(): Promise<{ url: string; stop: () => Promise<void> }> {
  const app = Fastify({ logger: false });
  app.get('/hello', async () => ({ itemId: '1', links: [], outcomes: {} }));
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url, stop: () => app.close() };
}

const { url, stop } = process.argv.includes('--bare') ? await bare() : await start(loadConfig(process.env));
console.log(`LISTENING ${url}`);
process.once('SIGTERM', () => {
  stop().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
});
