#!/usr/bin/env bash
# Careside's e2e tests, demo, inspect and bench drive Debian's Chromium (never a browser that a
# test tool downloads). When it is missing, this says what to install; it installs it only where
# that needs no password (root, as in CI, or password-less sudo), and prints each command first.
set -euo pipefail
CHROMIUM="${CARESIDE_CHROMIUM:-/usr/bin/chromium}"
[ -x "$CHROMIUM" ] && exit 0

run() {
  echo "+ $*" >&2
  "$@"
}

echo "Chromium is missing at $CHROMIUM." >&2
if command -v apt-get >/dev/null 2>&1; then
  SUDO=()
  if [ "$(id -u)" != "0" ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      SUDO=(sudo)
    else
      echo "Install it with: sudo apt-get install chromium" >&2
      echo "(or set CARESIDE_CHROMIUM to another Chromium binary)." >&2
      exit 1
    fi
  fi
  echo "Installing Debian's chromium package with these commands:" >&2
  run "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
  run "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
  exit 0
fi
echo "Careside needs Chromium at $CHROMIUM: install your distribution's chromium package" >&2
echo "(or set CARESIDE_CHROMIUM to another Chromium binary)." >&2
exit 1
