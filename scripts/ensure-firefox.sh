#!/usr/bin/env bash
# The Firefox tests drive Debian's Firefox ESR (never a browser a test tool downloads). Install it
# when it is missing and we may, saying so; otherwise say what to install.
set -euo pipefail
FIREFOX="${CARESIDE_FIREFOX:-/usr/bin/firefox-esr}"
[ -x "$FIREFOX" ] && exit 0

if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
  echo "Firefox ESR is missing: installing Debian's firefox-esr package with these commands:" >&2
  echo "+ apt-get update" >&2
  DEBIAN_FRONTEND=noninteractive apt-get update
  echo "+ apt-get install -y firefox-esr" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y firefox-esr >&2
  exit 0
fi
echo "Careside's Firefox tests need Firefox ESR at $FIREFOX. On Debian: sudo apt-get install firefox-esr" >&2
echo "(or set CARESIDE_FIREFOX to another Firefox binary)." >&2
exit 1
