#!/usr/bin/env bash
# npm run test:upstream [-- <jest options>]: the destination's tests as Segment's action-destinations repository runs
# them. Builds the destination's folder (src/ without serve/, __tests__/ without what stays here) in .upstream-drop/
# and runs jest 27.5.1, ts-jest 27.1.5 and TypeScript 5.5.4 there with that repository's jest configuration
# (scripts/upstream-jest/). Not under node_modules/: jest there would neither transform nor find the tests. The drop
# is removed after a run that passes and kept after one that fails. Not part of npm test: npx fetches jest 27 once.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DROP="$ROOT/.upstream-drop"
RESULTS="$ROOT/node_modules/.cache/upstream-jest-results.json"
mkdir -p "$(dirname "$RESULTS")"
rm -f "$RESULTS"

node "$ROOT/scripts/upstream-jest/build-drop.cjs" "$ROOT" "$DROP"

status=0
# ts-jest 27 names TypeScript below 5 as its peer; that repository runs it with TypeScript 5.5.4 all the same (yarn
# warns and installs), and npm does the same with legacy peer dependencies.
(cd "$DROP" && npm_config_legacy_peer_deps=true npx --yes -p jest@27.5.1 -p ts-jest@27.1.5 -p typescript@5.5.4 \
  jest --config "$ROOT/scripts/upstream-jest/jest.config.js" --json --outputFile "$RESULTS" "$@") || status=$?

if [ -f "$RESULTS" ]; then
  node -e '
    const r = require(process.argv[1])
    console.log(`Under jest 27: test files ${r.numTotalTestSuites} ran, ${r.numPassedTestSuites} passed; ` +
      `tests ${r.numTotalTests} ran, ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped`)
  ' "$RESULTS"
fi
if [ "$status" -eq 0 ]; then rm -rf "$DROP"; else echo "The drop stays in $DROP"; fi
exit "$status"
