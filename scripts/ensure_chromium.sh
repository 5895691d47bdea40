#!/usr/bin/env bash
# Make sure the browser tests have a Chromium: $CHROMIUM, else /usr/bin/chromium, else
# Playwright's own download where it works, else Debian's package where apt is usable.
set -euo pipefail
PY=${1:-python3}
if [ -n "${CHROMIUM:-}" ] && [ -x "$CHROMIUM" ]; then exit 0; fi
if [ -x /usr/bin/chromium ]; then exit 0; fi
if "$PY" -c 'from playwright.sync_api import sync_playwright
with sync_playwright() as p:
    import os, sys; sys.exit(0 if os.path.exists(p.chromium.executable_path) else 1)' 2>/dev/null; then
  exit 0
fi
echo "No Chromium found; installing one for the browser tests."
if "$PY" -m playwright install chromium 2>/dev/null; then exit 0; fi
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
if command -v apt-get >/dev/null 2>&1; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-noto-color-emoji
  exit 0
fi
echo "Could not install Chromium: set CHROMIUM=/path/to/chromium and run make test again." >&2
exit 1
