#!/usr/bin/env bash
# One command from a fresh clone to a running Loopline: install, build the
# client, start the server (embedded SQLite in LOOPLINE_DATA_DIR, demo data on
# first start). Configuration: see the README's table.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
pnpm --filter @loopline/client run build
exec pnpm --filter @loopline/server run start
