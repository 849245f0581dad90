#!/bin/bash
# Makes the fixture that needs LibreOffice, once; it is committed, so LibreOffice is not
# needed to run the tests:
#   types.ods         LibreOffice's conversion of types.xlsx (run make_xlsx_fixtures first)
#   types.xls         the same saved as Excel 97-2003 (BIFF8)
#   plans/an_duong_official.ods   the An Dương plan workbook (tools/make_plan_workbooks.py tests)
#   report_hidden.ods, report_hidden.xls   a report with hidden sheet, rows and column
#                     (run make_paste_fixtures.py first)
# LibreOffice 7.4 no longer writes Excel 95 (BIFF5); make_xlsx_fixtures builds that one.
# Needs libreoffice-calc. Usage:  tests/gen/make_libreoffice_fixtures.sh tests/data
set -eu
out=$(cd "${1:-tests/data}" && pwd)
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
soffice -env:UserInstallation=file://$profile --headless --convert-to ods --outdir "$out" "$out/types.xlsx" >/dev/null
tmp=$(mktemp -d)
soffice -env:UserInstallation=file://$profile --headless --convert-to 'xls:MS Excel 97' --outdir "$tmp" "$out/types.xlsx" >/dev/null
mv "$tmp/types.xls" "$out/types.xls"
soffice -env:UserInstallation=file://$profile --headless --convert-to ods --outdir "$out/plans" "$out/plans/an_duong_official.xlsx" >/dev/null
soffice -env:UserInstallation=file://$profile --headless --convert-to ods --outdir "$out" "$out/report_hidden.xlsx" >/dev/null
soffice -env:UserInstallation=file://$profile --headless --convert-to 'xls:MS Excel 97' --outdir "$tmp" "$out/report_hidden.xlsx" >/dev/null
mv "$tmp/report_hidden.xls" "$out/report_hidden.xls"
rmdir "$tmp"
echo "wrote $out/types.ods, types.xls"
