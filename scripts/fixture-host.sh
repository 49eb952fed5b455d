#!/usr/bin/env bash
# A stranger's host: prepares tests/fixture-host/host, a Payload app of its own (blank template,
# `members` for staff, `posts`, `images`, SQLite, no custom server), the way its team would add the
# plugins, for the spec tests/fixture-host/host.spec.ts to boot:
#   1. npm pack every package (prepack builds dist/),
#   2. npm install the tarballs and the host's other dependencies in a copy of the host outside this
#      repository (so nothing resolves from the repository's node_modules or the packages' sources),
#   3. Payload's CLI: the import map of the admin components, the host's migration, a migrated database,
#   4. next build.
# The copy stays (default: a folder under $TMPDIR per checkout, or FIXTURE_HOST_DIR), so a second run
# reinstalls only the tarballs. .tmp/fixture-host.json tells the spec where it is.
#
# Usage: bash scripts/fixture-host.sh            prepare, then run the spec (vitest project fixture-host)
#        bash scripts/fixture-host.sh --prepare  prepare only (scripts/test.sh runs the spec with the rest)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WORK="${FIXTURE_HOST_DIR:-${TMPDIR:-/tmp}/fixture-host-$(printf %s "$ROOT" | sha1sum | cut -c1-10)}"
HOST="$WORK/host"

step() {
  local name=$1 start=$SECONDS
  shift
  "$@"
  echo "fixture-host: $name: $((SECONDS - start)) s"
}

# The host is a plain app: none of this repository's npm script context or source conditions
# (npm_* variables of an `npm test` around this script would steer the host's npm install).
in_host() {
  (
    cd "$HOST"
    for variable in $(compgen -e | grep '^npm_' | grep -v -e '^npm_config_cache$' -e '^npm_config_registry$' -e '^npm_config_userconfig$'); do unset "$variable"; done
    # Not this repository's source condition; but the `development` condition any Payload app on
    # Node 20 needs, or Lexical's top-level await can make the CLI exit 0 before doing anything.
    export NODE_OPTIONS=--conditions=development
    export NEXT_TELEMETRY_DISABLED=1
    "$@"
  )
}

pack() {
  rm -rf "$WORK/packs"
  mkdir -p "$WORK/packs"
  # One compiler run for all packages (Payload's types load once); each prepack then finds its dist/ up to date.
  node scripts/build-package.mjs $(dirname plugins/*/package.json)
  npm pack --workspaces --pack-destination "$WORK/packs" --silent >/dev/null
  # Names without the version, as the host's package.json refers to them.
  for tarball in "$WORK"/packs/kontorwerk-*.tgz; do mv "$tarball" "${tarball%-[0-9]*.tgz}.tgz"; done
  ls "$WORK/packs"
}

install() {
  mkdir -p "$HOST"
  # The host's files anew; its node_modules (except the packages under test) and Next's build cache stay.
  find "$HOST" -mindepth 1 -maxdepth 1 ! -name node_modules ! -name .next -exec rm -rf {} +
  rm -rf "$HOST/node_modules/@kontorwerk"
  cp -R tests/fixture-host/host/. "$HOST/"
  in_host npm install --no-audit --no-fund --prefer-offline --no-package-lock --loglevel=error
}

# Payload's CLI has been seen to exit 0 before doing anything (payloadcms/payload#16381): each
# command is retried until what it makes is there.
payload_until() {
  local made=$1
  shift
  for attempt in 1 2 3 4 5; do
    in_host timeout 300 npx payload "$@" || true
    if in_host bash -c "$made"; then return 0; fi
    echo "fixture-host: payload $* made nothing (attempt $attempt)"
  done
  return 1
}

payload_cli() {
  export DATABASE_URI="file:$WORK/template.db"
  rm -f "$WORK/template.db"*
  payload_until 'grep -q @kontorwerk/ "app/(payload)/admin/importMap.js" 2>/dev/null' generate:importmap
  payload_until 'test -f migrations/index.ts || { rm -rf migrations; false; }' migrate:create initial
  payload_until "node --input-type=module -e \"import { createClient } from '@libsql/client'; const { rows } = await createClient({ url: process.env.DATABASE_URI }).execute('SELECT count(*) AS n FROM payload_migrations WHERE batch > 0'); process.exit(rows[0].n > 0 ? 0 : 1)\" 2>/dev/null" migrate
}

build() {
  in_host npx next build
}

total=$SECONDS
# The spec boots only a host this run prepared completely.
rm -f .tmp/fixture-host.json
step "npm pack" pack
step "npm install" install
step "payload import map, migration, migrated database" payload_cli
step "next build" build
mkdir -p .tmp
printf '{ "dir": "%s" }\n' "$WORK" > .tmp/fixture-host.json
echo "fixture-host: prepared $HOST in $((SECONDS - total)) s"

if [[ "${1:-}" != "--prepare" ]]; then
  npx vitest run --project fixture-host
fi
