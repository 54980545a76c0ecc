#!/usr/bin/env bash
# One command from a fresh clone to built sample report: system packages (when root), npm
# packages, compile, then build every edition of the sample report as HTML and PDF into dist/.
# Usage: bash scripts/setup.sh [--no-build]
set -euo pipefail
cd "$(dirname "$0")/.."

DEBIAN_PACKAGES=(chromium fonts-liberation fonts-ipafont-gothic fonts-ipafont-mincho fonts-nanum fonts-wqy-zenhei poppler-utils pandoc hyperfine time git)

missing=()
for pkg in "${DEBIAN_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "setup: installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "setup: missing Debian packages (install them as root): ${missing[*]}" >&2
  fi
fi

# puppeteer-core never downloads a browser; this keeps any other package from trying either.
export PUPPETEER_SKIP_DOWNLOAD=1 PUPPETEER_SKIP_CHROMIUM_DOWNLOAD=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  # npm 11 writes lock files without other platforms' optional packages (rollup's, esbuild's) and
  # then refuses them in `npm ci`; `npm install` installs the same locked versions.
  npm ci --no-audit --no-fund 2>/dev/null || npm install --no-audit --no-fund
fi
npm run --silent compile

if [ "${1:-}" != "--no-build" ]; then
  node bin/rapporteur build access-to-evidence --format html,pdf --edition all
  echo "setup: done; open dist/access-to-evidence/access-to-evidence.html"
fi
