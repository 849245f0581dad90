#!/bin/bash
# fixtures_reproducible.sh MAKE_XLSX_FIXTURES DATA_DIR
# Regenerates the generated fixtures into a temporary folder and compares them with the
# committed ones, so tests/data always matches its generators.
set -eu
gen=$1 data=$2
here=$(cd "$(dirname "$0")/../gen" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$gen" "$tmp"
/usr/bin/python3 "$here/make_special_fixtures.py" "$tmp"
/usr/bin/python3 "$here/make_paste_fixtures.py" "$tmp"
/usr/bin/python3 "$here/make_docx_fixtures.py" "$tmp"
status=0
for f in "$tmp"/*; do
  name=$(basename "$f")
  if ! cmp -s "$f" "$data/$name"; then
    echo "tests/data/$name differs from what its generator makes now"
    status=1
  fi
done
exit $status
