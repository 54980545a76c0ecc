#!/usr/bin/env bash
# One command from a fresh clone to built sample report: system packages (when root), npm
# packages, compile, then build every edition of the sample report as HTML, PDF and DOCX into dist/.
# Usage: bash scripts/setup.sh [--no-build]
set -euo pipefail
cd "$(dirname "$0")/.."

# libreoffice-writer (not -nogui: it crashes when comments are added through UNO), python3-uno and
# python3-docx open the DOCX outputs in the tests; libxml2-utils validates XLIFF; gettext checks PO.
DEBIAN_PACKAGES=(chromium fonts-liberation fonts-ipafont-gothic fonts-ipafont-mincho fonts-nanum fonts-wqy-zenhei poppler-utils pandoc hyperfine time git libreoffice-writer python3-uno python3-docx libxml2-utils gettext python3-fitz qpdf citation-style-language-styles citation-style-language-locales)

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
  # The committed lock file is the contract: `npm ci` installs exactly it, or setup fails loudly
  # (a fallback to `npm install` would silently rewrite package-lock.json).
  if ! npm ci --no-audit --no-fund; then
    echo "setup: npm ci refused package-lock.json; regenerate it with 'npm install --package-lock-only' and commit it" >&2
    exit 1
  fi
fi
npm run --silent compile

if [ "${1:-}" != "--no-build" ]; then
  node bin/rapporteur build access-to-evidence --format html,pdf,docx --edition all
  echo "setup: done; open dist/access-to-evidence/access-to-evidence.html"
fi

# Setup never changes tracked files (a rewritten lock file would hide a broken contract).
if command -v git >/dev/null && git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  if ! git diff --quiet -- . ; then
    echo "setup: tracked files changed during setup:" >&2
    git diff --stat -- . >&2
    exit 1
  fi
fi
