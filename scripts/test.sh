#!/usr/bin/env bash
# The whole test suite: unit and Local API specs on SQLite and PostgreSQL (and MongoDB when
# MONGODB_URI is set), then the production build served by the express server, over HTTP and
# in headless Chromium, and the packed plugins in a stranger's Payload app (tests/fixture-host).
# Sets up what it needs (PostgreSQL, Chromium) itself, idempotently.
set -euo pipefail
cd "$(dirname "$0")/.."

# Static checks first, before minutes of build: the types of the code and the specs, and the package
# boundaries (eslint.config.mjs). Type check and linter run side by side, one core each.
# Style checks (import order: all eslint rules; formatting: prettier --check) are on by default;
# STYLE_CHECKS=off skips them while a change is in progress (`npm run fix` repairs both).
STYLE_CHECKS="${STYLE_CHECKS:-on}"
echo "test.sh: type check and lint (style checks $STYLE_CHECKS)"
npm run -s typecheck &
typecheck=$!
lint_status=0 typecheck_status=0
if [ "$STYLE_CHECKS" = on ]; then
  { npm run -s lint && npm run -s format:check; } || lint_status=$?
else
  npm run -s lint:boundaries || lint_status=$?
fi
wait "$typecheck" || typecheck_status=$?
if [ "$lint_status" != 0 ] || [ "$typecheck_status" != 0 ]; then
  echo "test.sh: static checks failed (lint: exit $lint_status, typecheck: exit $typecheck_status)"
  exit 1
fi

export TEST_POSTGRES_URI="${TEST_POSTGRES_URI:-$(bash scripts/postgres.sh)}"
bash scripts/chromium.sh

echo "test.sh: building the admin UI (next build)"
npm run build
# A stranger's Payload app with the plugins installed from their packed tarballs; if preparing it
# fails, its spec fails in the run below (one summary, non-zero exit).
echo "test.sh: preparing the fixture host (scripts/fixture-host.sh)"
bash scripts/fixture-host.sh --prepare || echo "test.sh: the fixture host could not be prepared (see above)"
mkdir -p test-results
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json "$@" || status=$?
# One plain closing line with the totals, whatever the reporter printed above. A file whose
# setup failed (e.g. a server that did not start) reports its tests as skipped: they count as failed.
node -e '
  const r = JSON.parse(require("fs").readFileSync("test-results/vitest.json", "utf8"))
  let failed = r.numFailedTests
  let skipped = r.numPendingTests + r.numTodoTests
  for (const file of r.testResults) {
    if (file.status !== "failed" || file.assertionResults.some((test) => test.status === "failed")) continue
    const notRun = file.assertionResults.filter((test) => test.status === "skipped" || test.status === "pending").length
    failed += notRun
    skipped -= notRun
    console.log(`vitest: ${require("path").relative(process.cwd(), file.name)} failed before its ${notRun} tests ran`)
  }
  // What failed, one line each with the first line of its error: CI keeps only the tail of this output.
  for (const file of r.testResults)
    for (const test of file.assertionResults.filter((test) => test.status === "failed")) {
      const reason = (test.failureMessages[0] ?? "").split("\n")[0].replace(/\x1b\[[0-9;]*m/g, "").slice(0, 240)
      console.log(`vitest: FAILED ${require("path").relative(process.cwd(), file.name)} > ${test.fullName}: ${reason}`)
    }
  console.log(`vitest: ${r.numPassedTests} passed, ${failed} failed, ${skipped} skipped`)
' || true
# A failure that is the database's (a crashed backend, connections ended): its server log says so.
if [ "$status" != 0 ]; then
  grep -h -E "PANIC|FATAL|terminated by signal|out of memory|terminating connection" /var/log/postgresql/*.log 2>/dev/null |
    tail -n 8 | sed 's/^/postgresql: /' || true
fi
exit "$status"
