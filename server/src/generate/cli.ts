/**
 * Generator command: `node --conditions=source --import tsx server/src/generate/cli.ts --rows 100000 --format csv --out file --seed 7`.
 * Prints a JSON summary (with the seed) on stdout; exits 2 on bad arguments.
 */
import { GENERATE_USAGE, runGenerate } from './command.js';

const argv = process.argv.slice(2);
if (argv.includes('--help') || argv.includes('-h')) {
  console.log(GENERATE_USAGE);
} else {
  try {
    console.log(JSON.stringify(await runGenerate(argv)));
  } catch (e) {
    console.error((e as Error).message);
    process.exitCode = 2;
  }
}
