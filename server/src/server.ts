import { pathToFileURL } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { type Config, ConfigError, loadConfig } from './config.js';
import { seedDemo } from './demo/seed.js';
import { openStorage } from './storage/index.js';
import type { Storage } from './storage/types.js';

/**
 * Starts Loopline: configuration, storage, demo seed, app, listen. Kept thin
 * (STYLE.md habit 8): everything else is in app.ts and its plugins.
 * Returns a function that shuts down in order: the app first (which closes
 * the collab rooms and flushes their documents), then storage.
 */
export async function start(config: Config): Promise<{ app: FastifyInstance; url: string; stop: () => Promise<void> }> {
  const storage: Storage = await openStorage(config.database);
  let app: FastifyInstance | undefined;
  try {
    await storage.migrate();
    const seeded = config.demo ? await seedDemo(storage) : { seeded: false };
    app = await buildApp({ config, storage });
    if (seeded.seeded) app.log.info(seeded, 'created the demo series');
    const url = await app.listen({ port: config.port, host: config.host });
    app.log.info(`Loopline is listening on ${url} (data: ${describeDatabase(config)})`);
    const running = app;
    let stopping: Promise<void> | undefined;
    const stop = () => {
      stopping ??= (async () => {
        try {
          await running.close();
        } finally {
          await storage.close();
        }
      })();
      return stopping;
    };
    return { app: running, url, stop };
  } catch (err) {
    await app?.close().catch(() => undefined);
    await storage.close().catch(() => undefined);
    throw err;
  }
}

function describeDatabase(config: Config): string {
  return config.database.kind === 'sqlite' ? config.database.file : 'PostgreSQL (DATABASE_URL)';
}

/** Runs the server until SIGTERM/SIGINT; exits non-zero on a configuration or start-up error. */
export async function main(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const { app, stop } = await start(config);
  const onSignal = (signal: NodeJS.Signals) => {
    app.log.info(`${signal}: shutting down`);
    stop().then(
      () => process.exit(0),
      (err: unknown) => {
        app.log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}

// Run when executed directly (`node --import tsx src/server.ts`), not when imported by the CLI or tests.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
