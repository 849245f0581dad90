#!/bin/bash
# Makes the fixture that needs LibreOffice, once; it is committed, so LibreOffice is not
# needed to run the tests:
#   types.ods   LibreOffice's conversion of types.xlsx (run make_xlsx_fixtures first)
# Needs libreoffice-calc. Usage:  tests/gen/make_libreoffice_fixtures.sh tests/data
set -eu
out=$(cd "${1:-tests/data}" && pwd)
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
soffice -env:UserInstallation=file://$profile --headless --convert-to ods --outdir "$out" "$out/types.xlsx" >/dev/null
echo "wrote $out/types.ods"
