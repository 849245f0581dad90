#!/bin/bash
# Installs the Debian packages tonghop needs that are missing; quick when none is.
# Sourced by run-samples and run-tests.
set -eu
TONGHOP_PACKAGES=(
  g++ cmake make pkg-config                 # toolchain
  libxlsxwriter-dev                         # writing .xlsx
  libzip-dev libexpat1-dev                  # reading .xlsx/.ods
  libutf8proc-dev                           # Unicode normalisation
  libboost-program-options-dev              # command line
  libtomlplusplus-dev                       # data files under templates/
  libixion-dev                              # formula engine: formulas without a trusted result
  libboost-dev libsqlite3-dev               # tonghop serve: HTTP (Beast), the store
  libssl-dev openssl                        # serve --tls: HTTPS (Asio's OpenSSL stream), the office's CA
  chromium nodejs                           # the browser test of tonghop serve (npm comes with nodejs)
  libxml2-utils                             # xmllint: the Excel add-in's manifest against its schema
  libgtest-dev libgmock-dev                 # tests
  python3                                   # fixture generators (standard library only)
  libreoffice-calc-nogui python3-uno        # conversions; the slow tests (workbook opens, recalculates)
  libreoffice-writer-nogui                  # a Word 97-2003 plan (.doc) converted to .docx
)
# Callers add their own (scripts/fuzz: clang) through TONGHOP_EXTRA_PACKAGES.
TONGHOP_PACKAGES+=(${TONGHOP_EXTRA_PACKAGES[@]+"${TONGHOP_EXTRA_PACKAGES[@]}"})
missing=()
for p in "${TONGHOP_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "tonghop: installing ${missing[*]}" >&2
  SUDO=""
  [ "$(id -u)" != 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# The browser test drives Debian's chromium through playwright-core, pinned by
# tests/browser/package-lock.json (no browser is downloaded); acorn checks the add-in is ES5.
browser_tests="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/tests/browser"
if command -v npm >/dev/null && { [ ! -f "$browser_tests/node_modules/playwright-core/package.json" ] ||
                                   [ ! -f "$browser_tests/node_modules/acorn/package.json" ]; }; then
  (cd "$browser_tests" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
