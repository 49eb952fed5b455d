#!/usr/bin/env bash
# Makes Debian's Chromium available for the browser tests (never a downloaded browser build).
# Idempotent: installs the Debian package only when no chromium binary is there (needs root).
set -euo pipefail
for candidate in "${CHROMIUM_PATH:-}" /usr/bin/chromium /usr/bin/chromium-browser; do
  if [ -n "$candidate" ] && [ -x "$candidate" ]; then exit 0; fi
done
if [ "$(id -u)" != 0 ]; then
  echo "chromium.sh: Chromium is missing; install Debian's chromium package or set CHROMIUM_PATH" >&2
  exit 1
fi
echo "chromium.sh: installing Debian's chromium" >&2
apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
