#!/usr/bin/env bash
# Runs Segment's action-destinations checks on this destination, in a repository prepared by the project's
# tools/prepare-monorepo.sh (in ../shared/ beside the checkout), or in any checkout of segmentio/action-destinations
# where `yarn install` and the build of core, actions-shared, ajv-human-errors and destination-subscriptions have run,
# with an env.sh beside it.
#
# usage: scripts/monorepo-check.sh <prepared-dir> [--own-tests] [--segment-tests]
#   <prepared-dir>   holds ad/ (the checkout) and env.sh (PATH with Node 22 and yarn 1)
#   --own-tests      also puts this package's tests in customerio/__tests__/ as npm run test:upstream lays them out
#                    (scripts/upstream-jest/build-drop.cjs), and runs ESLint, Prettier and the repository's jest on them
#   --segment-tests  also runs Segment's own tests of its customerio destination against this code
#
# It moves Segment's customerio folder aside, copies src/ minus src/serve/ in its place, runs the checks and puts
# Segment's folder back on exit (also after a failure or Ctrl-C; an interrupted run is undone at the next start).
# Logs and the generated metadata.json go to <prepared-dir>/monorepo-check/. Exit status 1 when a check fails.
set -u -o pipefail

usage() { echo "usage: $0 <prepared-dir> [--own-tests] [--segment-tests]" >&2; exit 2; }
[ $# -ge 1 ] || usage
prepared=$(cd "$1" 2>/dev/null && pwd) || { echo "monorepo-check: no directory $1" >&2; exit 2; }
shift
own_tests=false segment_tests=false
for option in "$@"; do
  case $option in
    --own-tests) own_tests=true ;;
    --segment-tests) segment_tests=true ;;
    *) usage ;;
  esac
done

package=$(cd "$(dirname "$0")/.." && pwd)
ad=$prepared/ad
dest=$ad/packages/destination-actions/src/destinations/customerio
aside=$prepared/.monorepo-check-segment-customerio
out=$prepared/monorepo-check
driver=$ad/packages/cli/.monorepo-check-driver.ts
for f in "$prepared/env.sh" "$ad/packages/destination-actions/tsconfig.build.json" "$ad/bin/run"; do
  [ -e "$f" ] || { echo "monorepo-check: $f is missing; is $prepared a prepared action-destinations?" >&2; exit 2; }
done
# shellcheck disable=SC1091
source "$prepared/env.sh"

restore() {
  rm -f "$driver" "$ad/packages/destination-actions/tsconfig.build.tsbuildinfo"
  if [ -d "$aside" ]; then rm -rf "$dest" && mv "$aside" "$dest"; fi
}
restore
[ -f "$dest/index.ts" ] || { echo "monorepo-check: $dest/index.ts is missing" >&2; exit 2; }
trap restore EXIT
trap 'exit 130' INT TERM
mv "$dest" "$aside" && mkdir -p "$dest" "$out" || exit 2
tar -C "$package/src" --exclude=./serve -cf - . | tar -xf - -C "$dest" || exit 2
rel=${dest#"$ad"/}
echo "this package at $(git -C "$package" rev-parse --short HEAD 2>/dev/null || echo '?'), $(find "$dest" -type f | wc -l) files copied into $rel"
echo "action-destinations: $(head -1 "$prepared/.prepared" 2>/dev/null || echo 'commit unknown'); node $(node -v), yarn $(yarn -v)"

failed=0 started=$SECONDS
report() { # name, status, summary: one line, with the seconds since the previous one
  printf '%-16s %s %4ss  %s\n' "$1" "$([ "$2" = 0 ] && echo PASS || echo FAIL)" $((SECONDS - started)) "$3"
  started=$SECONDS
  [ "$2" = 0 ] || failed=1
}
niced() { nice -n 15 "$@"; }

# ESLint with the repository's root config and Prettier 2.4.1 with its options, on the .ts files under the folder $2
# (relative to the checkout), and the package's jest (27.5.1, as CI runs it) on the path $2; logs named after $1.
eslint_on() {
  (cd "$ad" && niced yarn -s eslint "$2/**/*.ts" -f json -o "$out/$1.json") >"$out/$1.log" 2>&1
  local status=$?
  summary=$(node -e '
    const results = require(process.argv[1])
    const n = (k) => results.reduce((sum, r) => sum + r[k], 0)
    for (const r of results) for (const m of r.messages) console.error(`${r.filePath}:${m.line}:${m.column} ${m.ruleId} ${m.message}`)
    console.log(`${results.length} files, ${n("errorCount")} errors, ${n("warningCount")} warnings`)' "$out/$1.json" 2>>"$out/$1.log")
  report "$1" $status "eslint '$2/**/*.ts': ${summary:-no result} (log: $out/$1.log)"
}
prettier_on() {
  (cd "$ad" && niced yarn -s prettier --check "$2/**/*.ts") >"$out/$1.log" 2>&1
  local status=$?
  report "$1" $status "prettier $(cd "$ad" && yarn -s prettier --version) --check '$2/**/*.ts': $(find "$ad/$2" -name '*.ts' | wc -l) files, $(grep -c '^\[warn\] .*\.ts$' "$out/$1.log") unformatted, $(grep -c '^\[error\] .*\.ts: ' "$out/$1.log") unreadable (log: $out/$1.log)"
}
jest_on() { # prints the counts, then each failing test
  (cd "$ad/packages/destination-actions" && TZ=UTC niced yarn -s test "$2" --json --outputFile="$out/$1.json") \
    >"$out/$1.log" 2>&1
  local status=$?
  node -e '
    const r = require(process.argv[1])
    console.log(`${r.numTotalTestSuites - r.numFailedTestSuites} of ${r.numTotalTestSuites} test files and ` +
      `${r.numPassedTests} of ${r.numTotalTests} tests pass, ${r.numFailedTests} tests fail`)
    for (const s of r.testResults) {
      if (s.assertionResults.length === 0 && s.status === "failed")
        console.log(`  ${s.name.split("/customerio/").pop()} does not run: ${s.message.replace(/\x1b\[[0-9;]*m/g, "").split("\n").map((l) => l.trim()).find((l) => l && !l.startsWith("●"))}`)
      for (const t of s.assertionResults) if (t.status === "failed") console.log(`  ${s.name.split("/").pop()}: ${t.fullName}`)
    }' "$out/$1.json" 2>/dev/null || echo "no result (log: $out/$1.log)"
  return $status
}

# 1. TypeScript: the package's typecheck script, a full check (no incremental state from an earlier run).
(cd "$ad/packages/destination-actions" && niced yarn -s tsc -p tsconfig.build.json --noEmit) >"$out/tsc.log" 2>&1
status=$?
report typecheck $status "tsc -p tsconfig.build.json --noEmit: $(grep -c 'error TS' "$out/tsc.log") errors (log: $out/tsc.log)"

# 2. ESLint and 3. Prettier on the folder.
eslint_on eslint "$rel"
prettier_on prettier "$rel"

# 4. generate:types rewrites every generated-types.ts; each must stay byte for byte what this package has.
touch "$out/.types-start"
(cd "$ad" && niced ./bin/run generate:types --path "$rel/index.ts") >"$out/types.log" 2>&1
status=$?
written=$(find "$dest" -name generated-types.ts -newer "$out/.types-start" | wc -l)
total=$(find "$dest" -name generated-types.ts | wc -l)
changed=$(cd "$dest" && find . -name generated-types.ts -exec sh -c 'cmp -s "$1" "$2/$1" || echo "$1"' _ {} "$package/src" \; | wc -l)
[ "$status" = 0 ] && [ "$written" = "$total" ] && [ "$changed" = 0 ] || status=1
report generate:types $status "./bin/run generate:types: $written of $total generated-types.ts rewritten, $changed differ (log: $out/types.log)"

# 5. validate and 6. metadata. `./bin/run validate` and `generate:metadata-payload` read the whole manifest from the
# built dist/ of destination-actions and destinations-manifest (every browser destination built). Here Segment's own
# Validate command runs with the manifest narrowed to this destination, and metadata.json is made by the command's
# own generatePublicMetadata, then formatted as the command does (prettier --write).
cat >"$driver" <<'TS'
import fs from 'fs'
import path from 'path'
const [mode, folder, out] = process.argv.slice(2)
const index = path.resolve(folder, 'index.ts')
const definition = require(index).default
async function main(): Promise<void> {
  if (mode === 'validate') {
    const lib = require('./src/lib/destinations')
    lib.getManifest = () => ({ [definition.slug]: { definition, directory: path.basename(folder), path: index } })
    await require('./src/commands/validate').default.run([], __dirname)
  } else {
    const { generatePublicMetadata } = require('./src/commands/generate/metadata-payload')
    fs.writeFileSync(out, JSON.stringify(generatePublicMetadata(definition.slug, definition), null, 2) + '\n')
  }
}
main().catch((error: Error) => {
  console.error(error.message)
  process.exit(1)
})
TS
run_driver() {
  (cd "$ad/packages/cli" && niced env TS_NODE_PROJECT=tsconfig.json TS_NODE_TRANSPILE_ONLY=true TS_NODE_FILES=false \
    node -r ts-node/register -r tsconfig-paths/register "$driver" "$@")
}
run_driver validate "$dest" >"$out/validate.log" 2>&1
status=$?
report validate $status "Validate (destination-actions' customerio only): $(grep -E '^(✔|✖)' "$out/validate.log" | tr '\n' ' ')(log: $out/validate.log)"

run_driver metadata "$dest" "$out/metadata.json" >"$out/metadata.log" 2>&1 &&
  (cd "$ad" && yarn -s prettier --write "$out/metadata.json") >>"$out/metadata.log" 2>&1
status=$?
summary=$(node -e '
  const [a, b] = process.argv.slice(1).map((f) => require(f))
  const fields = (m) => Object.entries(m.actions).flatMap(([k, act]) => Object.keys(act.fields).map((f) => `${k}.${f}`))
  const added = fields(b).filter((f) => !fields(a).includes(f)), removed = fields(a).filter((f) => !fields(b).includes(f))
  console.log(`${Object.keys(b.actions).length} actions, ${b.presets.length} presets; fields added: ${added.join(", ") || "none"}; removed: ${removed.join(", ") || "none"}`)
' "$aside/metadata.json" "$out/metadata.json" 2>&1)
report metadata $status "$out/metadata.json, against Segment's: $summary"

# 7. This package's tests, as npm run test:upstream lays them out, under the repository's ESLint, Prettier and jest.
if $own_tests; then
  build=$package/scripts/upstream-jest/build-drop.cjs
  if [ -f "$build" ] && node "$build" "$package" "$out/drop" >"$out/drop.log" 2>&1; then
    cp -a "$out/drop/customerio/__tests__" "$dest/"
    eslint_on tests-eslint "$rel/__tests__"
    prettier_on tests-prettier "$rel/__tests__"
    results=$(jest_on tests-jest "src/destinations/customerio/__tests__")
    report tests-jest $? "yarn test (jest 27.5.1) in packages/destination-actions: $results (log: $out/tests-jest.log)"
    rm -rf "$dest/__tests__" "$out/drop"
  else
    report own-tests 1 "$build did not build the tests' layout (log: $out/drop.log)"
  fi
fi

# 8. Segment's tests of its published destination, run against this code (see docs/upstreaming.md). Their failures are
# listed, and do not change the exit status.
if $segment_tests; then
  cp -a "$aside/__tests__" "$aside/test-helper.ts" "$aside/utils.ts" "$dest/"
  echo "segment-tests    Segment's __tests__, test-helper.ts and utils.ts beside this code: $(jest_on segment-tests src/destinations/customerio | head -1)"
  # The same with one change to the harness: the body sent is read from options.body (a JSON string) when there is
  # no options.json (this package posts its bodies already serialized).
  sed -i 's/responses\[0\]\.options\.json/(responses[0].options.json ?? JSON.parse(String(responses[0].options.body)))/g' \
    "$dest/test-helper.ts" "$dest/__tests__/reportContentEvent.test.ts" "$dest/__tests__/reportDeliveryEvent.test.ts"
  echo "segment-tests    the same, the sent body read from options.body when there is no options.json:"
  jest_on segment-tests-body src/destinations/customerio
fi

exit $failed
