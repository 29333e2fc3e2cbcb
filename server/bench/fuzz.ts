/**
 * `pnpm fuzz [what] [count] [seed]` — the sync fuzzers, with figures:
 * - `messages [mutations=10000] [seed=random]`: seeded byte mutations of
 *   captured sync and awareness messages over raw, authorized sockets [AC30];
 * - `convergence [seeds=20] [firstSeed=random]`: random concurrent edits by
 *   real providers converge [SY13];
 * - no argument: both, with the defaults.
 * Prints every failing seed (turn it into a named regression test) and exits
 * non-zero if anything failed.
 */
import { runConvergenceFuzz } from './convergenceFuzz.js';
import { runMessageFuzz } from './messageFuzz.js';

const [what = 'all', countArg, seedArg] = process.argv.slice(2);
const randomSeed = () => Math.floor(Math.random() * 2 ** 31);
let failed = false;

if (what === 'messages' || what === 'all') {
  const report = await runMessageFuzz(Number(countArg ?? 10_000), Number(seedArg ?? randomSeed()));
  failed ||= report.failures.length > 0;
}
if (what === 'convergence' || what === 'all') {
  const seeds = what === 'convergence' ? Number(countArg ?? 20) : 20;
  const first = what === 'convergence' && seedArg !== undefined ? Number(seedArg) : randomSeed() % 1_000_000;
  failed ||= (await runConvergenceFuzz(seeds, first)).length > 0;
}
if (!['messages', 'convergence', 'all'].includes(what)) {
  console.error('usage: pnpm fuzz [messages|convergence] [count] [seed]');
  process.exit(2);
}
process.exit(failed ? 1 : 0);
