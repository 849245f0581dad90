#!/bin/bash
# libreoffice_opens.sh TONGHOP
# Writes the consolidated workbook of the samples and converts it to PDF with LibreOffice:
# the conversion must succeed and give a PDF of several pages. Skipped (exit 77) without
# LibreOffice.
set -u
bin=$1
# Skipped (77) without LibreOffice, unless the run requires it (scripts/run-tests does).
missing() { [ -n "${TONGHOP_REQUIRE_LIBREOFFICE:-}" ] && exit 1; exit 77; }
command -v soffice >/dev/null || { echo "LibreOffice is not installed: skipped"; missing; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# A private home: CI's may be missing or read-only, and parallel tests never share one.
export HOME="$tmp" TMPDIR="$tmp"
"$bin" consolidate --plan samples/ke-hoach/an-duong-2026-2030.xlsx --year 2026 \
  --receipts samples/so-nhan-bao-cao.csv -o "$tmp/th.xlsx" samples/bao-cao >/dev/null
[ -f "$tmp/th.xlsx" ] || { echo "no workbook written"; exit 1; }
timeout 120 soffice -env:UserInstallation=file://$tmp/profile --headless --convert-to pdf --outdir "$tmp" "$tmp/th.xlsx" >/dev/null 2>&1
[ -s "$tmp/th.pdf" ] || { echo "LibreOffice could not convert the workbook"; exit 1; }
pages=$(grep -c "/Type */Page[^s]" "$tmp/th.pdf" || true)
echo "LibreOffice opened the workbook: $pages pages"
[ "$pages" -ge 5 ]
