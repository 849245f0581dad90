#!/bin/bash
# form_openpyxl.sh TONGHOP
# A unit's form filled with python3-openpyxl as a user would (three planted mistakes), saved,
# and checked: tonghop check reports exactly the planted errors at their cells and maps every
# row exactly. Skipped (exit 77) without python3-openpyxl.
set -u
bin=$1
/usr/bin/python3 -c "import openpyxl" 2>/dev/null || { echo "python3-openpyxl is not installed: skipped"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
plan=samples/ke-hoach/an-duong-2026-2030.xlsx
script=$(dirname "$0")/form_openpyxl.py
"$bin" template --plan $plan --year 2026 --unit "Phòng Văn hóa - Xã hội" -o "$tmp/forms" >/dev/null || exit 1
form=$(ls "$tmp"/forms/*.xlsx)
/usr/bin/python3 "$script" fill "$form" "$tmp/phong-vhxh-2026.xlsx" "$tmp/planted.json" || exit 1
"$bin" check --format json --plan $plan --year 2026 --received phong-vhxh-2026.xlsx=01/12/2026 "$tmp/phong-vhxh-2026.xlsx" >"$tmp/check.json"
[ $? -le 1 ] || { cat "$tmp/check.json"; exit 1; }
/usr/bin/python3 "$script" verify "$tmp/check.json" "$tmp/planted.json"
