// Sums the results of every stage of scripts/test.sh into the one closing line
// CI reads. Vitest and Playwright print no "N passed, N failed" line of their
// own, so their JSON reports are read here; a missing report counts as a
// failure, because a runner that crashed before reporting ran nothing.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? '.test-output';
let passed = 0;
let failed = 0;

for (const file of readdirSync(dir).filter((f) => f.startsWith('gate-'))) {
  if (readFileSync(join(dir, file), 'utf8').trim() === 'pass') passed++;
  else failed++;
}

const vitest = join(dir, 'vitest.json');
if (existsSync(vitest)) {
  const report = JSON.parse(readFileSync(vitest, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  // A test file that fails to load has no tests in the counts above.
  failed += (report.testResults ?? []).filter((r) => r.status === 'failed' && r.assertionResults.length === 0).length;
} else {
  console.error('summary: no Vitest report');
  failed++;
}

const playwright = join(dir, 'playwright.json');
if (existsSync(playwright)) {
  const { stats } = JSON.parse(readFileSync(playwright, 'utf8'));
  passed += stats.expected + stats.flaky;
  failed += stats.unexpected;
} else {
  console.error('summary: no Playwright report');
  failed++;
}

console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
