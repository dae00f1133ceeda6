#!/usr/bin/env bash
# Careside's e2e tests, demo, inspect and bench drive Debian's Chromium (never a browser that a
# test tool downloads). Install it when it is missing and we may; otherwise say how.
set -euo pipefail
CHROMIUM="${CARESIDE_CHROMIUM:-/usr/bin/chromium}"
[ -x "$CHROMIUM" ] && exit 0

if command -v apt-get >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ]; then
    echo "Chromium is missing: installing Debian's chromium package…" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
    exit 0
  fi
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    echo "Chromium is missing: installing Debian's chromium package…" >&2
    sudo DEBIAN_FRONTEND=noninteractive apt-get update -qq
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
    exit 0
  fi
fi
echo "Careside needs Chromium at $CHROMIUM. On Debian or Ubuntu: sudo apt-get install chromium" >&2
echo "(or set CARESIDE_CHROMIUM to another Chromium binary)." >&2
exit 1
