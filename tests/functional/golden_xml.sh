#!/bin/bash
# golden_xml.sh TONGHOP GOLDEN_DIR [template] ARGS...
# Runs `tonghop consolidate ARGS -o TMP.xlsx` (with "template": `tonghop template ARGS -o
# TMP/` for one unit's form) and compares workbook XML parts with the golden copies in
# GOLDEN_DIR (one file per part, "/" in the part name written as "__"). Volatile parts
# (docProps/core.xml holds a date) are not compared. UPDATE_GOLDEN=1 rewrites.
set -u
bin=$1 golden=$2
shift 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Strings are inline in the consolidated workbook (constant-memory writing): the sheets hold
# them. A form keeps protection, validations, lists and identity in these parts.
parts=(xl/workbook.xml xl/worksheets/sheet1.xml xl/worksheets/sheet2.xml xl/worksheets/sheet3.xml
       xl/worksheets/sheet4.xml xl/worksheets/sheet5.xml xl/styles.xml xl/charts/chart1.xml
       xl/charts/chart2.xml xl/charts/chart3.xml xl/drawings/drawing1.xml)
if [ "${1:-}" = template ]; then
  shift
  "$bin" template "$@" -o "$tmp/forms" >"$tmp/stdout" 2>&1
  code=$?
  mv "$tmp"/forms/*.xlsx "$tmp/out.xlsx" 2>/dev/null
  parts=(xl/workbook.xml xl/worksheets/sheet1.xml xl/worksheets/sheet2.xml xl/worksheets/sheet3.xml
         xl/worksheets/sheet4.xml xl/sharedStrings.xml xl/styles.xml docProps/custom.xml)
else
  "$bin" consolidate "$@" -o "$tmp/out.xlsx" >"$tmp/stdout" 2>&1
  code=$?
fi
if [ ! -f "$tmp/out.xlsx" ]; then
  echo "no workbook written (exit $code)"
  cat "$tmp/stdout"
  exit 1
fi
status=0
for part in "${parts[@]}"; do
  name=${part//\//__}
  unzip -p "$tmp/out.xlsx" "$part" | sed 's/></>\n</g' >"$tmp/$name"
  if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then
    mkdir -p "$golden"
    cp "$tmp/$name" "$golden/$name"
  elif ! diff -u "$golden/$name" "$tmp/$name" >"$tmp/diff"; then
    echo "$part differs from $golden/$name:"
    head -40 "$tmp/diff"
    status=1
  fi
done
exit $status
