#!/usr/bin/env bash
# Installs what a fresh machine with only Node 20 and npm lacks: the pinned
# pnpm, then the workspace's dependencies. Sourced by start.sh and test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

want_pnpm=$(node -p "require('./package.json').packageManager.split('@')[1]")
if [ "$(pnpm --version 2>/dev/null || true)" != "$want_pnpm" ]; then
  echo "setup: installing pnpm $want_pnpm"
  npm install -g "pnpm@$want_pnpm" >/dev/null
fi

# better-sqlite3 compiles from source where its prebuilt download is
# unreachable; Node's headers in /usr/include/node make that work offline.
if [ -d /usr/include/node ] && [ -z "${npm_config_nodedir:-}" ]; then
  export npm_config_nodedir=/usr
fi

pnpm install --frozen-lockfile --reporter=append-only
