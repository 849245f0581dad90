#!/bin/bash
# plan_docx_same.sh TONGHOP DOCX WORKBOOK
# `tonghop plan` on the plan's Word document and on the workbook of the same annexes gives
# the same plan: same commune, indicators, targets, units, tasks and defects. Only the
# sheet names and rows of the defects' cells may differ (the document has paragraphs
# above its tables).
set -u
bin=$1 docx=$2 book=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for f in "$docx" "$book"; do
  "$bin" plan --lang en "$f" 2>&1 | sed -E "s/'[^']*'![A-Z]+[0-9]+/CELL/; s/(at|on) row [0-9]+/\1 row N/g" \
    >"$tmp/$(basename "$f").txt"
  grep -q "^Indicators: [1-9]" "$tmp/$(basename "$f").txt" || { echo "no indicators read from $f"; cat "$tmp/$(basename "$f").txt"; exit 1; }
done
diff -u "$tmp/$(basename "$book").txt" "$tmp/$(basename "$docx").txt"
