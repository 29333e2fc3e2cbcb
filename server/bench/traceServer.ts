/**
 * The app as `pnpm start` runs it, for the HTTP part of the trace bench: the
 * configuration comes from the environment the bench sets (data directory,
 * port 0, no demo seed), and the URL it listens on is printed as
 * `LISTENING <url>` for the parent to read. Stops on SIGTERM.
 */
import { loadConfig } from '../src/config.js';
import { start } from '../src/server.js';

const { url, stop } = await start(loadConfig(process.env));
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
