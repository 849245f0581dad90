#!/bin/bash
# libreoffice_recalc.sh TONGHOP
# The cached value of every formula is what LibreOffice computes when it recalculates:
# the samples' workbook, and a 2027 workbook judged against it with --previous (trend
# formulas). Skipped (exit 77) without LibreOffice or python3-uno.
set -u
bin=$1
# Skipped (77) without LibreOffice, unless the run requires it (scripts/run-tests does).
missing() { [ -n "${TONGHOP_REQUIRE_LIBREOFFICE:-}" ] && exit 1; exit 77; }
command -v soffice >/dev/null || { echo "LibreOffice is not installed: skipped"; missing; }
/usr/bin/python3 -c "import uno" 2>/dev/null || { echo "python3-uno is not installed: skipped"; missing; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# A private home: CI's may be missing or read-only, and parallel tests never share one.
export HOME="$tmp" TMPDIR="$tmp"
plan=samples/ke-hoach/an-duong-2026-2030.xlsx
"$bin" consolidate --plan $plan --year 2026 --receipts samples/so-nhan-bao-cao.csv -o "$tmp/th-2026.xlsx" samples/bao-cao >/dev/null
[ -f "$tmp/th-2026.xlsx" ] || { echo "no 2026 workbook written"; exit 1; }
mkdir "$tmp/2027"
printf 'TT,Chỉ tiêu,ĐVT,KH 2027,TH 2027,Ghi chú\n5,Hộ nghèo theo chuẩn nghèo đa chiều quốc gia,%%,Giảm hàng năm,"0,38",\n6,Tỷ lệ người dân tham gia bảo hiểm y tế,%%,"Trên 97,5","97,1",\n' \
  >"$tmp/2027/phong-vhxh-2027.csv"
"$bin" consolidate --plan $plan --year 2027 --previous "$tmp/th-2026.xlsx" -o "$tmp/th-2027.xlsx" "$tmp/2027" >/dev/null
[ -f "$tmp/th-2027.xlsx" ] || { echo "no 2027 workbook written"; exit 1; }
status=0
for wb in "$tmp/th-2026.xlsx" "$tmp/th-2027.xlsx"; do
  echo "$(basename "$wb"):"
  timeout 170 /usr/bin/python3 tools/recalc_compare.py "$wb" || status=1
done
exit $status
