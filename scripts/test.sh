#!/usr/bin/env bash
# The whole test suite, as the README's test command and CI run it:
# typecheck, lint, unit + integration (Vitest), client build, e2e (Playwright
# in headless Chromium). Every stage runs even if an earlier one fails; the
# last line is `tests: N passed, N failed`, summed over all of them.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh || { echo "tests: 0 passed, 1 failed"; exit 1; }

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "test: installing Debian chromium and CJK fonts"
    apt-get update -qq && apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
  else
    echo "test: /usr/bin/chromium is missing; install it with: sudo apt-get install chromium fonts-noto-cjk" >&2
  fi
fi

# PostgreSQL contract tests run when a database is reachable (CI guarantees one).
if [ -z "${LOOPLINE_TEST_PG_URL:-}" ] && command -v pg_isready >/dev/null && pg_isready -q -h 127.0.0.1 -p 5432; then
  export LOOPLINE_TEST_PG_URL=postgresql://postgres@127.0.0.1:5432/test
fi

out=.test-output
rm -rf "$out" && mkdir -p "$out"
stage() { # name, command...: runs a gate whose pass/fail counts as one test
  local name=$1; shift
  echo "== $name"
  if "$@"; then echo "pass" > "$out/gate-$name"; else echo "fail" > "$out/gate-$name"; fi
}

stage typecheck pnpm exec tsc -b
stage lint pnpm exec biome check .
echo "== unit + integration"
pnpm exec vitest run --reporter=default --reporter=json --outputFile.json="$out/vitest.json"
stage build pnpm --filter @loopline/client run build
echo "== e2e"
pnpm --filter @loopline/e2e exec playwright test
node scripts/summarize-tests.mjs "$out"
