#!/usr/bin/env bash
# run.sh: runs the browser test of the admin by hand (run_suites.sh runs it
# as part of `make test`). Installs the npm packages first if they are
# missing; the binary is $GAZETTE_BIN, default build/gazette (`make all`).
# Usage: tests/browser/run.sh      Screenshots: tests/screenshots/
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -d node_modules/playwright-core ]; then
	npm ci --no-audit --no-fund --loglevel=error
fi
exec node admin_flow.mjs
